"""Every URL of the service, against every role, for GET and for POST.

The URLs are read from the URLconf itself (``urlconf_names()`` in tests/urlconf_support.py,
through every include and namespace), so a URL added without a line in MATRIX below fails
``test_every_url_is_in_the_matrix`` with its name, and a MATRIX line whose URL has gone
fails it too. Only the admin (which has its own permission system: see
``test_the_admin_sends_anonymous_users_to_its_sign_in``), static/media files and the JSON
API (its own matrix, which fails the same way: tests/recommendations/api/test_api_matrix.py)
are left out.

Expected statuses: 302 to sign-in for anonymous users; 403 for those who may not; 200
(a page, or a form shown again with its errors) or 302 (done) for those who may; 405 where
the view takes no such method. POST bodies are empty: the status is what matters here.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from recommendations.models import (
    Recommendation,
)
from tests.conftest import ROLES, client_as
from tests.tracker.matrix_urls import URL_KWARGS, Seed
from tests.tracker.urlconf_support import urlconf_names

METHODS = ("GET", "POST")
# The JSON API answers in JSON, not pages: its routes have their own matrix.
API_NAMESPACE = "api:"

# --- What each role gets, per URL name and method ------------------------------------
# Each tuple is in ROLES order: anonymous, reviewer, other_editor, editor, admin.
# (other_editor edits plans of a body with no part in the seed plan: for the seed plan
# they are a reader, like a reviewer, but they may create plans of their own.)
READ_PAGE = {"GET": (302, 200, 200, 200, 200), "POST": (302, 405, 405, 405, 405)}
# The front matter's edit forms (recommendations/views/front_matter.py).
FRONT_MATTER_FORMS = (
    "recommendations:report-edit",
    "recommendations:plan-edit",
    "recommendations:plan-bodies-edit",
    "recommendations:milestone-add",
    "recommendations:milestone-edit",
    "recommendations:categorisation-edit",
    "recommendations:group-edit",
)

MATRIX: dict[str, dict[str, tuple[int, ...]]] = {
    # Accounts (tracker/urls.py, accounts/views.py)
    "login": {"GET": (200, 302, 302, 302, 302), "POST": (200, 302, 302, 302, 302)},
    "logout": {"GET": (302, 405, 405, 405, 405), "POST": (302, 302, 302, 302, 302)},
    "keep-alive": {"GET": (401, 204, 204, 204, 204), "POST": (405, 405, 405, 405, 405)},
    "timed-out": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    # Personal API tokens: anyone signed in, for themselves (an empty POST: the form's
    # errors); a token is revoked only by its own user (here the editor's).
    "api-tokens": {"GET": (302, 200, 200, 200, 200), "POST": (302, 200, 200, 200, 200)},
    "api-token-revoke": {"GET": (302, 405, 405, 405, 405), "POST": (302, 404, 404, 302, 404)},
    # Email preferences: anyone signed in, for themselves (an empty POST: the form's errors)
    "email-preferences": {"GET": (302, 200, 200, 200, 200), "POST": (302, 200, 200, 200, 200)},
    # Reading
    "recommendations:dashboard": READ_PAGE,
    "recommendations:plan-list": READ_PAGE,
    "recommendations:plan-detail": READ_PAGE,
    "recommendations:plan-history": READ_PAGE,
    "recommendations:plan-compare": READ_PAGE,
    "recommendations:recommendation-detail": READ_PAGE,
    "recommendations:recommendation-history": READ_PAGE,
    "recommendations:owner-list": READ_PAGE,
    "recommendations:owner-detail": READ_PAGE,
    "recommendations:slippage-report": READ_PAGE,
    # Publishing (recommendations/views/publishing.py): the version each reader may read
    "recommendations:plan-downloads": READ_PAGE,
    # The PDF: reviewers get the seed's last submission, frozen with its PDF; editors
    # the working version, which the background worker has not rendered yet (202:
    # "This PDF is being prepared"). An earlier render of the working version, offered
    # meanwhile, is a draft: for the plan's editors only.
    "recommendations:plan-pdf": {
        "GET": (302, 200, 200, 202, 202),
        "POST": (302, 405, 405, 405, 405),
    },
    "recommendations:plan-render-pdf": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 405, 405, 405, 405),
    },
    "recommendations:plan-export": READ_PAGE,
    "recommendations:plan-publication": READ_PAGE,
    # Checking a downloaded file: anyone signed in (an empty POST: the form's error)
    "recommendations:check-file": {
        "GET": (302, 200, 200, 200, 200),
        "POST": (302, 200, 200, 200, 200),
    },
    # Creating a plan: anyone who edits for some body, and administrators
    "recommendations:plan-create": {
        "GET": (302, 403, 200, 200, 200),
        "POST": (302, 403, 200, 200, 200),
    },
    "recommendations:plan-import": {
        "GET": (302, 403, 200, 200, 200),
        "POST": (302, 403, 200, 200, 200),
    },
    # An upload's preview: only the person who uploaded it (here the editor) sees it;
    # confirming imports the plan and goes to it
    "recommendations:plan-import-preview": {
        "GET": (302, 403, 404, 200, 404),
        "POST": (302, 403, 404, 302, 404),
    },
    # Editing the seed plan: its editors (HMPPS) and administrators
    "recommendations:plan-submit": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:group-add": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:recommendation-add": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:recommendation-edit": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:action-add": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:action-edit": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:progress-add": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:progress-edit": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    # Targets after submission: revised by editors; a baseline corrected by administrators
    "recommendations:action-target-revise": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:action-baseline-correct": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 200),
    },
    # The progress round as a task list: the plan's editors and administrators
    "recommendations:round-start": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:round-detail": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 405, 405),
    },
    "recommendations:round-submit": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    # An empty POST marks nothing done: it answers with the task list again.
    "recommendations:round-task-mark": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    # The front matter (recommendations/views/front_matter.py): the plan's editors and
    # administrators; an empty POST is a form shown again with its errors.
    "recommendations:front-matter": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 405, 405),
    },
    **{
        name: {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 200, 200)}
        for name in FRONT_MATTER_FORMS
    },
    "recommendations:milestone-move": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    "recommendations:categorisation-add": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    # Responding bodies: administrators only
    "recommendations:body-list": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 405),
    },
    "recommendations:body-add": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 200),
    },
    "recommendations:body-edit": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 200),
    },
    # Archiving needs no input (the reason is optional): an empty POST archives.
    "recommendations:archive": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 302, 302),
    },
    # Reordering is POST only; the permission check comes before the method check.
    "recommendations:group-move": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    "recommendations:recommendation-move": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    "recommendations:action-move": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    # The inspectorate's judgement: reviewers and administrators (POST only)
    "recommendations:assessment-record": {
        "GET": (302, 405, 405, 405, 405),
        "POST": (302, 200, 403, 403, 200),
    },
    # Comments: reviewers, the plan's editors and administrators (POST only)
    "recommendations:comment-add": {
        "GET": (302, 405, 405, 405, 405),
        "POST": (302, 200, 403, 200, 200),
    },
    # Owners' contacts: the plan's editors and administrators
    "recommendations:plan-owners": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 405, 405),
    },
    "recommendations:owner-contact-add": {
        "GET": (302, 403, 403, 200, 200),
        "POST": (302, 403, 403, 200, 200),
    },
    "recommendations:owner-contact-remove": {
        "GET": (302, 403, 403, 405, 405),
        "POST": (302, 403, 403, 302, 302),
    },
    # The messages sent: administrators only
    "recommendations:message-list": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 405),
    },
    # Archived items: administrators only
    "recommendations:archived-list": {
        "GET": (302, 403, 403, 403, 200),
        "POST": (302, 403, 403, 403, 405),
    },
    "recommendations:restore": {
        "GET": (302, 403, 403, 403, 405),
        "POST": (302, 403, 403, 403, 302),
    },
}

# A 200 answer to these POSTs is the form shown again with an error summary.
FORM_POSTS = {
    "login",
    "api-tokens",
    "email-preferences",
    "recommendations:owner-contact-add",
    "recommendations:check-file",
    "recommendations:plan-create",
    "recommendations:plan-import",
    "recommendations:plan-submit",
    "recommendations:group-add",
    "recommendations:recommendation-add",
    "recommendations:recommendation-edit",
    "recommendations:action-add",
    "recommendations:action-edit",
    "recommendations:progress-add",
    "recommendations:progress-edit",
    "recommendations:action-target-revise",
    "recommendations:action-baseline-correct",
    "recommendations:round-start",
    "recommendations:round-submit",
    "recommendations:assessment-record",
    "recommendations:comment-add",
    *FRONT_MATTER_FORMS,
    "recommendations:body-add",
    "recommendations:body-edit",
}
# Not GOV.UK pages: the print document and the PDF made from it.
PRINT_DOCUMENTS = {
    "recommendations:plan-publication",
    "recommendations:plan-pdf",
    "recommendations:plan-render-pdf",
}
# Pages exempt from sign-in, or redirecting elsewhere than sign-in, for anonymous users.
NOT_SIGN_IN_REDIRECTS = {"login", "keep-alive", "timed-out"}

# --- The seed, loaded once for the module (`seeded`, tests/conftest.py) ---------------


class _Rollback(Exception):
    pass


# --- The tests --------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    names, unnamed = urlconf_names()
    names = {name for name in names if not name.startswith(API_NAMESPACE)}
    missing = sorted(names - MATRIX.keys())
    gone = sorted(MATRIX.keys() - names)
    no_kwargs = sorted(MATRIX.keys() - URL_KWARGS.keys())
    problems = []
    if missing:
        problems.append(
            f"URLs with no line in the permission matrix: {missing}: add them to MATRIX "
            "(and URL_KWARGS) in tests/test_permission_matrix.py - add it to the matrix"
        )
    if gone:
        problems.append(f"Matrix lines for URLs that no longer exist: {gone}: remove them")
    if no_kwargs:
        problems.append(f"Matrix lines with no URL_KWARGS entry: {no_kwargs}")
    if unnamed:
        problems.append(f"Unnamed URL patterns cannot be checked; name them: {unnamed}")
    for name, row in MATRIX.items():
        if set(row) != set(METHODS) or any(len(codes) != len(ROLES) for codes in row.values()):
            problems.append(f"{name}: give a status for each of {METHODS} and each of {ROLES}")
    assert not problems, "\n".join(problems)
    checks = len(MATRIX) * len(ROLES) * len(METHODS)
    print(f"\nPermission matrix: {len(MATRIX)} URLs x {len(ROLES)} roles x {len(METHODS)} methods")
    print(f"= {checks} checks")
    assert checks == len(MATRIX) * 10


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(seeded, name, method, role):
    expected = MATRIX[name][method][ROLES.index(role)]
    seed = Seed()
    kwargs_list = URL_KWARGS[name](seed)
    for kwargs in kwargs_list:
        url = reverse(name, kwargs=kwargs)
        client = client_as(seeded, role)
        # Each URL in its own savepoint: one archive must not hide the next kind's item.
        try:
            with transaction.atomic():
                response = client.generic(method, url) if method == "GET" else client.post(url)
                _check(response, name=name, method=method, role=role, url=url, expected=expected)
                raise _Rollback
        except _Rollback:
            pass


def _check(response, *, name, method, role, url, expected):
    where = f"{method} {url} ({name}) as {role}"
    assert response.status_code == expected, (
        f"{where}: expected {expected}, got {response.status_code}"
    )
    login = reverse("login")
    if expected == 302 and role == "anonymous" and name not in NOT_SIGN_IN_REDIRECTS:
        assert response.url.startswith(f"{login}?next="), f"{where}: went to {response.url}"
    elif expected == 302 and role != "anonymous" and method == "POST":
        # Done, and sent on somewhere in the service: never to sign in again.
        assert not response.url.startswith(login) or name == "logout", where
    if expected == 403:
        assert b"You do not have permission" in response.content, where
    if expected == 200 and name in ("recommendations:plan-pdf", "recommendations:plan-render-pdf"):
        assert response["Content-Type"] == "application/pdf", where
        body = response.getvalue()
        assert body.startswith(b"%PDF-"), f"{where}: not a PDF ({len(body)} bytes)"
    elif expected == 202:
        assert b'class="govuk-header' in response.content, where
        assert b"This PDF is being prepared" in response.content, where
    elif expected == 200 and name == "recommendations:plan-export":
        # A spreadsheet or Word file, saved rather than shown
        assert response["Content-Disposition"].startswith("attachment;"), where
        assert response.content[:2] == b"PK" or url.endswith("/csv/"), where
    elif expected == 200 and name in PRINT_DOCUMENTS:
        assert response["Content-Type"].startswith("text/html"), where
        assert b"</html>" in response.content, f"{where}: not a whole HTML document"
    elif expected == 200:
        assert b'class="govuk-header' in response.content, where
        if method == "POST" and name in FORM_POSTS:
            assert b"govuk-error-summary" in response.content, f"{where}: no error summary"


# --- Unknown and malformed identifiers -----------------------------------------------


def _not_found_urls(seed: Seed, *, editing: bool) -> list[str]:
    """URLs naming something that does not exist. The editing URLs are for those who may
    edit the plan: anyone else is refused (403) before the object is looked up."""
    plan, rec, action = seed.plan.slug, seed.rec.pk, seed.action.pk
    other_rec = Recommendation.objects.filter(group__plan=seed.plan).exclude(pk=rec).first()
    huge = 10**20  # beyond a 64-bit integer
    reading = [
        "/plans/no-such-plan/",
        "/plans/no-such-plan/history/",
        "/plans/no-such-plan/recommendations/1/edit/",
        f"/plans/{plan}/recommendations/999999/",
        f"/plans/{plan}/recommendations/{huge}/",
        f"/plans/{plan}/recommendations/not-a-number/",
        f"/plans/{plan}/recommendations/6.5/",
        f"/plans/{plan}/recommendations/-1/",
        f"/plans/{plan}/recommendations/999999/history/",
        f"/plans/{plan}/export/pdfx/",
        f"/plans/{plan}/export/xlsx/?submission=9",
        f"/plans/{plan}/export/docx/?as_of=not-a-day",
        "/owners/999999/",
        f"/owners/{huge}/",
        "/owners/abc/",
        "/no-such-page/",
    ]
    edits = [
        f"/plans/{plan}/recommendations/999999/edit/",
        f"/plans/{plan}/recommendations/{huge}/edit/",
        f"/plans/{plan}/recommendations/{rec}/actions/999999/edit/",
        # An action that exists, but not under this recommendation
        f"/plans/{plan}/recommendations/{other_rec.pk}/actions/{action}/edit/",
        f"/plans/{plan}/recommendations/{rec}/actions/abc/edit/",
        f"/plans/{plan}/groups/999999/recommendations/new/",
        f"/plans/{plan}/no-such-kind/{rec}/archive/",
        f"/plans/{plan}/recommendation/999999/archive/",
        f"/plans/{plan}/recommendation/{huge}/archive/",
    ]
    return reading + edits if editing else reading


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "other_editor", "editor", "admin"])
def test_unknown_or_malformed_ids_are_not_found(seeded, role):
    seed = Seed()
    client = client_as(seeded, role)
    wrong = {}
    for url in _not_found_urls(seed, editing=role in {"editor", "admin"}):
        response = client.get(url)
        if response.status_code != 404 or b"Page not found" not in response.content:
            wrong[url] = response.status_code
    assert not wrong, f"expected a GOV.UK 404 page for each; got {wrong}"


@pytest.mark.django_db
def test_unknown_ids_are_not_found_for_posts_either(seeded):
    seed = Seed()
    client = client_as(seeded, "admin")
    plan, rec = seed.plan.slug, seed.rec.pk
    for url in [
        f"/plans/{plan}/recommendations/999999/assessment/",
        f"/plans/{plan}/recommendations/999999/comments/",
        f"/plans/{plan}/recommendations/{rec}/actions/999999/move/",
        f"/plans/{plan}/groups/999999/move/",
        "/archive/no-such-kind/1/restore/",
        "/archive/recommendation/999999/restore/",
    ]:
        assert client.post(url, {"direction": "up"}).status_code == 404, url


@pytest.mark.django_db
def test_the_admin_sends_anonymous_users_to_its_sign_in(seeded):
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert Client().get("/admin/recommendations/actionplan/").status_code == 302
