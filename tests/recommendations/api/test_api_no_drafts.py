"""No API route shows a reader of submissions what belongs to a draft.

After the seed's last submission the plan's editor drafts a heading, recommendation,
action and owner, a progress entry, changed texts, a milestone and a caveat, each
carrying a marker (the `drafted` fixture of the pages' own test). Every GET route of the
API, with every version, filter and page a reader may ask for, is then read as a
reviewer and as an editor of another body, in session and with a token: the marker is
in none of the answers. The plan's own editor finds every one.
"""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse

from recommendations.models import Owner
from tests.conftest import client_as
from tests.recommendations.api.api_support import SEED, api_get, token_client
from tests.recommendations.api.test_api_matrix import API_MATRIX, kwargs_of
from tests.recommendations.views.test_no_draft_leaks import MARKER, drafted  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today().isoformat()
QUERIES = {
    "api:plan-detail": [
        "",
        f"?as_of={TODAY}",
        "?submission=3",
        "?submission=1",
        "?as_of=2024-01-01",
    ],
    "api:plan-compare": ["", "?old=1&new=3", "?old=3", "?new=working"],
    "api:plan-history": ["", "?page_size=500"],
    "api:plan-list": ["", "?has_overdue_actions=false", f"?updated_since={TODAY}"],
    "api:submission-detail": [""],
    "api:recommendation-list": [
        "?page_size=500",
        "?page_size=500&status=in_progress",
        f"?owner={quote(MARKER + ' Owner')}",
        "?due_before=2030-01-01&page_size=500",
        "?agreement=agreed&page_size=500",
    ],
    "api:action-list": [
        "?page_size=500",
        f"?owner={quote(MARKER + ' Owner')}",
        "?overdue=false&page_size=500",
        "?due_before=2030-01-01&page_size=500",
    ],
    "api:owner-list": ["?page_size=500"],
}
SKIPPED = {"api:docs", "api:schema"}  # the page and the description hold no plan data


def reading_urls() -> list[str]:
    urls = []
    for name in sorted(API_MATRIX):
        if name in SKIPPED:
            continue
        base = reverse(name, kwargs=kwargs_of(name))
        urls += [base + query for query in QUERIES.get(name, [""])]
    for number in (1, 2, 3):
        urls.append(f"/api/v1/plans/{SEED}/submissions/{number}/")
    drafted_owner = Owner.objects.get(name=f"{MARKER} Owner")
    urls.append(f"/api/v1/owners/{drafted_owner.pk}/")
    return urls


@pytest.mark.parametrize("auth", ["session", "token"])
@pytest.mark.parametrize("role", ["reviewer", "other_editor"])
def test_no_api_route_shows_a_draft_to_a_reader_of_submissions(drafted, role, auth):  # noqa: F811
    client = client_as(drafted, role) if auth == "session" else token_client(drafted[role])[0]
    read = 0
    for url in reading_urls():
        response = api_get(client, url)
        if response.status_code == 404 and "/owners/" in url:
            continue  # the drafted owner holds nothing this reader may read
        assert response.status_code in {200, 404}, f"{url}: {response.status_code}"
        if response.status_code == 200:
            read += 1
        assert MARKER not in response.content.decode(), f"{url} shows a draft"
    assert read >= 25  # the routes were really read, not all refused


def test_the_readers_plan_list_says_when_their_version_changed_not_the_draft(drafted):  # noqa: F811
    reviewer = client_as(drafted, "reviewer")
    (row,) = api_get(reviewer, "/api/v1/plans/").json()["results"]
    submissions = api_get(reviewer, f"/api/v1/plans/{SEED}/submissions/").json()["results"]
    assert row["updated_at"] == submissions[-1]["submitted_at"]
    editor = client_as(drafted, "editor")
    (live,) = api_get(editor, "/api/v1/plans/").json()["results"]
    assert live["updated_at"] > row["updated_at"]


def test_the_editor_does_see_the_drafts_through_the_api(drafted):  # noqa: F811
    editor = client_as(drafted, "editor")
    plan = api_get(editor, f"/api/v1/plans/{SEED}/").content.decode()
    for text in ["heading", "recommendation", "action", "Owner", "progress", "changed text"]:
        assert f"{MARKER} {text}" in plan
    owners = api_get(editor, "/api/v1/owners/?page_size=500").content.decode()
    assert f"{MARKER} Owner" in owners
    compare = api_get(editor, f"/api/v1/plans/{SEED}/compare/?new=working").content.decode()
    assert f"{MARKER} recommendation" in compare
