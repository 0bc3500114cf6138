"""Every route of the JSON API, against every role, signed in and with a personal token,
for every method.

The routes are read from the URLconf (the `api` namespace), so a route added without a
line in API_MATRIX fails `test_every_api_route_is_in_the_matrix` with its name. GET
answers are checked against the OpenAPI description; every other method is 405 for
anyone, signed in or not, before anything else is looked at (the API only reads).
"""

import pytest
from django.test import Client
from django.urls import reverse

from recommendations.models import Owner
from tests.conftest import ROLES, client_as
from tests.recommendations.api.api_support import SEED, api_get, token_client
from tests.tracker.urlconf_support import urlconf_names

pytestmark = pytest.mark.django_db

# Each tuple is in ROLES order: anonymous, reviewer, other_editor, editor, admin. The
# other body's editor reads the seed plan as a reviewer does.
READ = (401, 200, 200, 200, 200)
API_MATRIX: dict[str, tuple[int, ...]] = {
    "api:root": READ,
    "api:plan-list": READ,
    "api:plan-detail": READ,
    "api:submission-list": READ,
    "api:submission-detail": READ,
    "api:plan-history": READ,
    "api:plan-compare": READ,
    "api:recommendation-list": READ,
    "api:action-list": READ,
    "api:owner-list": READ,
    "api:owner-detail": READ,
    "api:schema": READ,
    # Any other address under /api/v1/: a JSON 404 (once it is known who asks).
    "api:not-found": (401, 404, 404, 404, 404),
    # A page for people: signing in first, as for every page.
    "api:docs": (302, 200, 200, 200, 200),
}
NOT_IN_THE_SCHEMA = {"api:schema", "api:docs", "api:not-found"}
OTHER_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS")
URLS = {"api:not-found": "/api/v1/no-such-route/"}


def kwargs_of(name: str) -> dict:
    owner = Owner.objects.filter(actions__recommendation__group__plan__slug=SEED).first()
    return {
        "api:plan-detail": {"slug": SEED},
        "api:submission-list": {"slug": SEED},
        "api:submission-detail": {"slug": SEED, "number": 1},
        "api:plan-history": {"slug": SEED},
        "api:plan-compare": {"slug": SEED},
        "api:owner-detail": {"id": owner.pk},
    }.get(name, {})


def test_every_api_route_is_in_the_matrix():
    names, _unnamed = urlconf_names()
    api_names = {name for name in names if name.startswith("api:")}
    missing = sorted(api_names - API_MATRIX.keys())
    gone = sorted(API_MATRIX.keys() - api_names)
    assert not missing, f"API routes with no line in API_MATRIX: {missing}: add them"
    assert not gone, f"API_MATRIX lines for routes that no longer exist: {gone}"


def _client(seeded, role: str, auth: str) -> Client:
    if auth == "token" and role != "anonymous":
        return token_client(seeded[role])[0]
    return client_as(seeded, role)


# Every route and role by session, and by token too where a token applies: a token is
# for the API, not for its docs page, and anonymous has none.
CASES = [
    (name, role, auth)
    for name in sorted(API_MATRIX)
    for role in ROLES
    for auth in ("session", "token")
    if not (auth == "token" and (role == "anonymous" or name == "api:docs"))
]


@pytest.mark.parametrize(("name", "role", "auth"), CASES)
def test_api_get_matrix(seeded, name, role, auth):
    expected = API_MATRIX[name][ROLES.index(role)]
    url = URLS.get(name) or reverse(name, kwargs=kwargs_of(name))
    client = _client(seeded, role, auth)
    if name in NOT_IN_THE_SCHEMA:
        response = client.get(url)
    else:
        response = api_get(client, url)
    assert response.status_code == expected, f"GET {url} as {role} ({auth})"
    if expected in {401, 404}:
        assert response.json()["detail"], url
    if expected == 401:
        assert response["WWW-Authenticate"].startswith("Bearer"), url
    if expected == 302:
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("method", OTHER_METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_nothing_but_get(seeded, role, method):
    """405 for every other method, whoever asks: a session's POST is never a write that
    only the CSRF check stands in the way of."""
    client = client_as(seeded, role)
    wrong = {}
    for name in sorted(API_MATRIX):
        if name == "api:docs":
            continue
        url = URLS.get(name) or reverse(name, kwargs=kwargs_of(name))
        response = client.generic(method, url)
        if response.status_code != 405:
            wrong[url] = response.status_code
    assert not wrong, f"{method} as {role}: expected 405, got {wrong}"


def test_a_signed_in_user_with_no_role_reads_no_plan(seeded, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw")
    client = Client()
    client.force_login(nobody)
    assert api_get(client, f"/api/v1/plans/{SEED}/").status_code == 403
    assert api_get(client, "/api/v1/plans/").json()["count"] == 0
    assert api_get(client, "/api/v1/actions/").json()["count"] == 0
    token, _ = token_client(nobody)
    assert api_get(token, f"/api/v1/plans/{SEED}/history/").status_code == 403


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_unknown_things_are_json_404s(seeded, role):
    client = client_as(seeded, role)
    for url in [
        "/api/v1/plans/no-such-plan/",
        "/api/v1/plans/no-such-plan/submissions/",
        f"/api/v1/plans/{SEED}/submissions/999999999999999999/",
        "/api/v1/owners/999999999999999999/",
        "/api/v1/owners/99999999999999999999999999/",
        "/api/v1/owners/-1/",
        f"/api/v1/plans/{SEED}/submissions/one/",
        "/api/v1/plans/a%0Anew-line/",
        "/api/v1/plans/?page=999",
    ]:
        response = api_get(client, url)
        assert response.status_code == 404, url
        assert response.json()["detail"], url
