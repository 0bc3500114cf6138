"""Reads across plans through the API (recommendations, actions, owners, with their
filters and pages), and a plan's history and comparisons as data. Every answer is also
checked against the OpenAPI description (api_support.api_get)."""

import datetime

import pytest

from recommendations.models import Owner
from tests.conftest import client_as
from tests.recommendations.api.api_support import SEED, api_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(seeded):
    return client_as(seeded, "reviewer")


def every(client, url: str) -> list[dict]:
    """Every item of a paginated list, page after page."""
    items, page = [], 1
    while True:
        data = api_get(client, f"{url}{'&' if '?' in url else '?'}page={page}").json()
        items += data["results"]
        if not data["next"]:
            return items
        page += 1


def test_recommendations_across_plans_come_whole_with_their_plan(reviewer):
    items = every(reviewer, "/api/v1/recommendations/")
    assert len(items) == 20
    assert {i["plan"]["slug"] for i in items} == {SEED}
    assert items[0]["heading"] == "The Ministry of Justice should:"
    assert items[0]["reference"] == "1"
    assert items[0]["actions"][0]["owners"] == ["Deputy Director Joint Extremism Unit (JEXU)"]


def test_lists_come_in_pages(reviewer):
    first = api_get(reviewer, "/api/v1/recommendations/?page_size=7").json()
    assert first["count"] == 20
    assert len(first["results"]) == 7
    assert first["previous"] is None and "page=2" in first["next"]
    last = api_get(reviewer, "/api/v1/recommendations/?page_size=7&page=3").json()
    assert len(last["results"]) == 6 and last["next"] is None


def test_the_agreement_filter(reviewer):
    partly = every(reviewer, "/api/v1/recommendations/?agreement=partly_agreed")
    assert len(partly) == 1
    assert all(r["agreement"] == "partly_agreed" for r in partly)
    actions = every(reviewer, "/api/v1/actions/?agreement=partly_agreed")
    assert {a["recommendation"]["id"] for a in actions} == {partly[0]["id"]}


def test_actions_filter_by_owner_status_and_due_date(reviewer):
    actions = every(reviewer, "/api/v1/actions/")
    owner = "Deputy Director Joint Extremism Unit (JEXU)"
    held = every(reviewer, "/api/v1/actions/?owner=" + owner.replace(" ", "%20"))
    assert held and all(owner in a["owners"] for a in held)
    assert len(held) == sum(owner in a["owners"] for a in actions)
    completed = every(reviewer, "/api/v1/actions/?status=completed")
    assert len(completed) == sum(a["status"] == "completed" for a in actions)
    due = every(reviewer, "/api/v1/actions/?due_before=2024-01-01")
    assert due
    assert all(a["target_month"] is not None and a["target_month"] < "2024-01" for a in due)
    before = [a for a in actions if a["target_month"] and a["target_month"] < "2024-01"]
    assert len(due) == len(before)


def test_the_overdue_filter_agrees_with_each_actions_flag(reviewer):
    actions = every(reviewer, "/api/v1/actions/")
    overdue = every(reviewer, "/api/v1/actions/?overdue=true")
    not_overdue = every(reviewer, "/api/v1/actions/?overdue=false")
    assert len(overdue) + len(not_overdue) == len(actions)
    assert all(a["is_overdue"] for a in overdue)
    today = f"{datetime.date.today():%Y-%m}"
    assert all(a["target_month"] < today for a in overdue)


def test_a_recommendation_passes_the_action_filters_if_any_action_does(reviewer):
    recs = every(reviewer, "/api/v1/recommendations/?status=completed")
    assert recs
    assert all(any(a["status"] == "completed" for a in r["actions"]) for r in recs)


def test_wrong_filters_are_400s_naming_them(reviewer):
    for query, name in [
        ("status=finished", "status"),
        ("due_before=soon", "due_before"),
        ("overdue=maybe", "overdue"),
        ("body=0", "body"),
        ("agreement=yes", "agreement"),
    ]:
        response = api_get(reviewer, f"/api/v1/actions/?{query}")
        assert response.status_code == 400, query
        assert list(response.json()["errors"]) == [name]


def test_the_body_filter(reviewer):
    plan = api_get(reviewer, f"/api/v1/plans/{SEED}/").json()
    body = plan["bodies"][0]["id"]
    assert every(reviewer, f"/api/v1/actions/?body={body}") == every(reviewer, "/api/v1/actions/")
    assert every(reviewer, f"/api/v1/actions/?body={body + 999}") == []


def test_owners_with_their_actions_across_plans(reviewer):
    owners = every(reviewer, "/api/v1/owners/")
    jexu = next(o for o in owners if o["name"] == "Deputy Director Joint Extremism Unit (JEXU)")
    detail = api_get(reviewer, f"/api/v1/owners/{jexu['id']}/").json()
    assert detail["name"] == jexu["name"]
    (holding,) = detail["plans"]
    assert holding["plan"]["slug"] == SEED
    assert len(holding["actions"]) == jexu["actions"]
    assert all(jexu["name"] in a["owners"] for a in holding["actions"])
    assert holding["actions"][0]["recommendation"]["reference"] == "1"


def test_an_owner_named_nowhere_readable_is_not_found(seeded, reviewer):
    lonely = Owner.objects.create(name="Named in no plan")
    assert api_get(reviewer, f"/api/v1/owners/{lonely.pk}/").status_code == 404


def test_a_plans_history_who_when_what_why(reviewer, seeded):
    history = api_get(reviewer, f"/api/v1/plans/{SEED}/history/?page_size=500").json()
    assert history["count"] > 0
    events = history["results"]
    moments = [e["when"] for e in events]
    assert moments == sorted(moments, reverse=True)
    assert {e["kind"] for e in events} <= {"created", "changed", "archived", "restored", "deleted"}
    assert any(e["what"] == "The plan" for e in events)
    editor = api_get(client_as(seeded, "editor"), f"/api/v1/plans/{SEED}/history/").json()
    assert editor["count"] >= history["count"]


def test_comparing_two_submissions(reviewer):
    url = f"/api/v1/plans/{SEED}/compare/"
    default = api_get(reviewer, url).json()
    assert default["old"]["submission"] == 2 and default["new"]["submission"] == 3
    assert default["new"]["label"].startswith("12 Month Update Action Plan Submitted")
    # The 12-month update brought the July 2024 round of progress.
    assert any(r["new_progress"] for r in default["recommendations"])
    for change in default["recommendations"]:
        for progress in change["new_progress"]:
            assert progress["round"] == "July 2024"
    first_to_last = api_get(reviewer, url + "?old=1&new=3").json()
    assert first_to_last["old"]["submission"] == 1
    same = api_get(reviewer, url + "?old=2&new=2").json()
    assert same["recommendations"] == [] and same["headings_added"] == []


def test_only_the_plans_editors_compare_the_working_version(reviewer, seeded):
    url = f"/api/v1/plans/{SEED}/compare/?old=3&new=working"
    assert api_get(reviewer, url).status_code == 404
    editor = api_get(client_as(seeded, "editor"), url).json()
    assert editor["new"]["submission"] is None
    assert api_get(reviewer, f"/api/v1/plans/{SEED}/compare/?old=7").status_code == 404
    assert api_get(reviewer, f"/api/v1/plans/{SEED}/compare/?old=first").status_code == 400
