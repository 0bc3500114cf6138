import pytest
from django.core.management import call_command

from recommendations.models import ActionPlan

SEED_SLUG = "ct-joint-inspection-2023"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached state (sign-in throttle counts, rendered PDFs) never crosses tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
def people(db, django_user_model):
    """One user per role: the seed plan's editor works for HMPPS, the other editor for
    a body that has no part in the seed plan."""
    from recommendations.models import Membership, ResponsibleBody

    hmpps, _ = ResponsibleBody.objects.get_or_create(
        name="HM Prison & Probation Service", defaults={"short_name": "HMPPS"}
    )
    other = ResponsibleBody.objects.create(name="Youth Justice Board")
    users = {"anonymous": None}
    users["admin"] = django_user_model.objects.create_superuser("admin", "a@example.gov.uk", "pw")
    for username, role, bodies in [
        ("reviewer", Membership.Role.REVIEWER, []),
        ("editor", Membership.Role.EDITOR, [hmpps]),
        ("other_editor", Membership.Role.EDITOR, [other]),
    ]:
        user = django_user_model.objects.create_user(username, password="pw")
        Membership.objects.create(user=user, role=role).bodies.set(bodies)
        users[username] = user
    return users


@pytest.fixture
def client_for(client, people):
    def sign_in(role):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return sign_in
