import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from recommendations.models import ActionPlan

SEED_SLUG = "ct-joint-inspection-2023"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached state (sign-in throttle counts, rendered PDFs) never crosses tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _frozen_pdfs_rendered_once():
    """Loading the seed freezes its three submissions, each with a PDF that takes
    seconds to render: within the test session each print HTML is rendered to PDF once
    (the key is the HTML itself, so a changed template or plan still renders anew)."""
    from recommendations.services import freezing

    rendered: dict[str, bytes] = {}
    render = freezing.render_pdf

    def render_once(html: str) -> bytes:
        if html not in rendered:
            rendered[html] = render(html)
        return rendered[html]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(freezing, "render_pdf", render_once)
        yield


def run_background_tasks() -> list[str]:
    """Run every queued task that is due, in this process, as the worker would (its
    claim, the task, its result), until none is left; returns what each returned.
    Tasks queued for later (a render waiting for the plan to be still) stay queued."""
    from django_tasks_db.models import DBTaskResult

    outcomes = []
    while (due := DBTaskResult.objects.ready().first()) is not None:
        due.claim("tests")
        result = due.task_result
        try:
            value = due.task.call(*result.args, **result.kwargs)
        except Exception as error:
            due.set_failed(error)
            raise
        due.set_successful(value)
        outcomes.append(value)
    return outcomes


@pytest.fixture
def background():
    """Runs the background worker's due tasks (renders, messages) when called."""
    return run_background_tasks


@pytest.fixture(autouse=True)
def _rendered_files(settings, tmp_path_factory):
    """Rendered files go to a folder of the test session's own."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "files")


@pytest.fixture
def seed_plan(db) -> ActionPlan:
    """The published counter-terrorism plan, loaded through the documented command."""
    call_command("load_plan", verbosity=0)
    return ActionPlan.objects.get(slug=SEED_SLUG)


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.gov.uk", "pw")


ROLES = ["anonymous", "reviewer", "other_editor", "editor", "admin"]


@pytest.fixture
def people(db):
    """One user per role: the seed plan's editor works for HMPPS, the other editor for
    a body that has no part in the seed plan."""
    from tests.factories import make_role_users

    return make_role_users()


@pytest.fixture
def client_for(client, people):
    def sign_in(role):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return sign_in


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed plan and one user per role, loaded once for the test module in a
    transaction rolled back at its end, for modules of many read-mostly tests (each test
    keeps its own writes in a savepoint). Gives the users by role."""
    from tests.factories import make_role_users

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_plan", verbosity=0)
        yield make_role_users()
        transaction.set_rollback(True)


def client_as(users, role) -> Client:
    """A test client signed in as the user of this role (anonymous: signed out)."""
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    return client
