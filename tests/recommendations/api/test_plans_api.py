"""The plans through the API: the list and its filters, one plan as its snapshot (each
version a reader may ask for), its submissions and frozen documents, ETags and 304s.

The seed plan, as transcribed from the published document, has 20 recommendations
numbered 1 to 21 with no 13 (19 agreed, 1 partly agreed), two responding bodies and
three submissions; every answer here is also checked
against the OpenAPI description (api_support.api_get)."""

import hashlib
from urllib.parse import quote

import pytest

from recommendations.models import SubmissionRecord
from tests.conftest import client_as
from tests.recommendations.api.api_support import SEED, api_get, token_client

pytestmark = pytest.mark.django_db
PLAN = f"/api/v1/plans/{SEED}/"


def test_the_root_says_where_everything_is(seeded):
    data = api_get(client_as(seeded, "reviewer"), "/api/v1/").json()
    assert data["plans"] == "http://testserver/api/v1/plans/"
    assert data["openapi"].endswith("/api/v1/openapi.json")


def test_a_reviewer_reads_the_seed_plan_as_submitted(seeded):
    data = api_get(client_as(seeded, "reviewer"), PLAN).json()
    assert data["title"].startswith("Counter Terrorism Joint Inspection")
    assert data["version"]["live"] is False
    assert data["version"]["submission"] == 3
    assert data["report"]["published_on"] == "2023-07-20"
    assert data["summary"] == {"agreed": 19, "partly_agreed": 1, "not_agreed": 0, "total": 20}
    assert data["numbering_gaps"] == ["13"]
    references = [r["reference"] for h in data["headings"] for r in h["recommendations"]]
    assert references == [str(n) for n in range(1, 22) if n != 13]
    assert [b["name"] for b in data["bodies"]] == [
        "HM Prison & Probation Service",
        "Counter Terrorism Policing",
    ]
    assert [r["label"] for r in data["rounds"]] == ["July 2024"]
    assert data["headings"][0]["heading"] == "The Ministry of Justice should:"


def test_rich_text_comes_as_markdown_and_as_sanitised_html(seeded):
    data = api_get(client_as(seeded, "reviewer"), PLAN).json()
    first = data["headings"][0]["recommendations"][0]
    assert first["text"]["markdown"]
    assert first["text"]["html"].startswith("<p>")
    assert first["text"]["markdown"].split()[0] in first["text"]["html"]


def test_actions_carry_their_original_and_current_targets(seeded):
    data = api_get(client_as(seeded, "reviewer"), PLAN).json()
    actions = [a for h in data["headings"] for r in h["recommendations"] for a in r["actions"]]
    assert actions, "the seed plan has actions"
    for action in actions:
        assert set(action) >= {
            "target_text",
            "target_month",
            "original_target_text",
            "original_target_month",
            "months_slipped",
        }
    revised = [a for a in actions if a["is_revised"]]
    assert revised, "the seed's progress revises some targets"
    for action in revised:
        assert action["target_text"] == action["revisions"][-1]["target_text"]
    slipped = [a for a in actions if a["months_slipped"] > 0]
    for action in slipped:
        old, new = action["original_target_month"], action["target_month"]
        assert new > old  # YYYY-MM strings order as months do


def test_progress_comes_by_round(seeded):
    data = api_get(client_as(seeded, "reviewer"), PLAN).json()
    rounds = {r["label"] for r in data["rounds"]}
    progress = [p for h in data["headings"] for r in h["recommendations"] for p in r["progress"]]
    assert progress
    assert {p["round"]["label"] for p in progress} <= rounds


def test_a_token_reads_exactly_what_its_user_reads(seeded):
    session = api_get(client_as(seeded, "reviewer"), PLAN).json()
    client, _ = token_client(seeded["reviewer"])
    assert api_get(client, PLAN).json() == session


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_the_plans_editors_read_it_live(seeded, role):
    data = api_get(client_as(seeded, role), PLAN).json()
    assert data["version"] == {"live": True, "submission": None, "as_of": None, "day": None}


def test_a_submission_is_read_as_frozen(seeded):
    client = client_as(seeded, "reviewer")
    first = api_get(client, PLAN + "?submission=1").json()
    assert first["version"]["submission"] == 1
    # The first submission (July 2023) came before the July 2024 round of progress.
    assert first["rounds"] == []
    assert [m["label"] for m in first["milestones"]][-1] == "Action Plan Submitted"
    assert api_get(client, PLAN + "?submission=9").status_code == 404


def test_as_of_a_day_reads_the_submission_made_by_then(seeded):
    client = client_as(seeded, "reviewer")
    listed = api_get(client, PLAN + "submissions/").json()["results"]
    second = listed[1]
    data = api_get(client, PLAN + f"?as_of={second['date']}").json()
    assert data["version"]["submission"] == 2
    assert api_get(client, PLAN + "?as_of=1990-01-01").status_code == 404
    assert api_get(client, PLAN + "?as_of=not-a-day").status_code == 400
    assert api_get(client, PLAN + "?as_of=2024-01-01&submission=1").status_code == 400


def test_the_submissions_list_says_who_when_and_the_hashes(seeded):
    listed = api_get(client_as(seeded, "reviewer"), PLAN + "submissions/").json()
    assert listed["count"] == 3
    numbers = [s["number"] for s in listed["results"]]
    assert numbers == [1, 2, 3]
    records = {r.number: r for r in SubmissionRecord.objects.filter(plan__slug=SEED)}
    for item in listed["results"]:
        record = records[item["number"]]
        assert item["document_sha256"] == record.document_sha256
        assert item["pdf_sha256"] == record.pdf_sha256
        assert item["record_sha256"] == record.record_sha256


def test_a_frozen_document_is_served_byte_for_byte_with_its_hash_as_etag(seeded):
    client = client_as(seeded, "reviewer")
    response = api_get(client, PLAN + "submissions/2/")
    record = SubmissionRecord.objects.get(plan__slug=SEED, number=2)
    assert response.content == bytes(record.document)
    assert hashlib.sha256(response.content).hexdigest() == record.document_sha256
    assert response["ETag"] == f'"{record.document_sha256}"'
    again = api_get(client, PLAN + "submissions/2/", **{"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    other = api_get(client, PLAN + "submissions/2/", **{"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert api_get(client, PLAN + "submissions/4/").status_code == 404


def test_the_plan_read_as_a_submission_has_the_documents_hash_as_etag(seeded):
    client = client_as(seeded, "reviewer")
    response = api_get(client, PLAN)
    record = SubmissionRecord.objects.get(plan__slug=SEED, number=3)
    assert response["ETag"] == f'"{record.document_sha256}"'
    assert api_get(client, PLAN, **{"If-None-Match": response["ETag"]}).status_code == 304


def test_the_live_plan_has_an_etag_of_its_content(seeded):
    client = client_as(seeded, "editor")
    response = api_get(client, PLAN)
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert api_get(client, PLAN, **{"If-None-Match": response["ETag"]}).status_code == 304


def test_the_plans_list_and_its_filters(seeded):
    client = client_as(seeded, "reviewer")
    listed = api_get(client, "/api/v1/plans/").json()
    assert [p["slug"] for p in listed["results"]] == [SEED]
    row = listed["results"][0]
    assert row["recommendations"] == 20
    assert row["submissions"] == 3
    assert row["version"]["submission"] == 3
    body = row["bodies"][0]["id"]
    assert api_get(client, f"/api/v1/plans/?body={body}").json()["count"] == 1
    assert api_get(client, f"/api/v1/plans/?body={body + 1000}").json()["count"] == 0
    overdue = row["overdue_actions"] > 0
    with_overdue = api_get(client, "/api/v1/plans/?has_overdue_actions=true").json()
    assert with_overdue["count"] == (1 if overdue else 0)
    updated = quote(row["updated_at"])  # "+00:00" would read as a space
    assert api_get(client, f"/api/v1/plans/?updated_since={updated}").json()["count"] == 1
    later = "2999-01-01T00:00:00Z"
    assert api_get(client, f"/api/v1/plans/?updated_since={later}").json()["count"] == 0
    wrong = api_get(client, "/api/v1/plans/?has_overdue_actions=perhaps")
    assert wrong.status_code == 400
    assert list(wrong.json()["errors"]) == ["has_overdue_actions"]


def test_the_other_bodys_editor_reads_as_a_reviewer(seeded):
    reviewer = api_get(client_as(seeded, "reviewer"), PLAN).json()
    other = api_get(client_as(seeded, "other_editor"), PLAN).json()
    assert other == reviewer
