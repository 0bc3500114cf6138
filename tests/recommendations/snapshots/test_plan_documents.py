"""A snapshot as canonical JSON and back: exact, for the seed now and at each submission."""

import json

import pytest

from recommendations.models import SubmissionRecord
from recommendations.selectors.versions import plan_submissions
from recommendations.snapshots import (
    DocumentError,
    plan_document,
    plan_from_document,
    plan_snapshot,
)

pytestmark = pytest.mark.django_db


def moments(plan):
    return [None] + [m.submitted_at for m in plan_submissions(plan=plan)]


def test_the_seed_round_trips_exactly_now_and_at_each_submission(seed_plan):
    for as_of in moments(seed_plan):
        view = plan_snapshot(plan=seed_plan, as_of=as_of)
        document = plan_document(view)
        again = plan_from_document(document)
        assert again == view, as_of
        assert plan_document(again) == document, as_of
        # Bodies compare by id alone as models: their words must survive too.
        assert [(b.name, b.short_name, b.logo_alt) for b in again.bodies] == [
            (b.name, b.short_name, b.logo_alt) for b in view.bodies
        ]


def test_the_document_is_canonical(seed_plan):
    view = plan_snapshot(plan=seed_plan)
    document = plan_document(view)
    parsed = json.loads(document)
    assert document == json.dumps(
        parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert parsed["schema_version"] == 1
    assert parsed["plan"]["report_published_on"] == view.report_published_on.isoformat()
    assert parsed["plan"]["bodies"][0]["name"] == view.bodies[0].name
    action = parsed["plan"]["groups"][0]["recommendations"][0]["actions"][0]
    assert {"owners", "target_text", "target_month", "revisions", "status"} <= set(action)


def test_a_frozen_document_is_the_snapshot_at_its_moment(seed_plan):
    record = SubmissionRecord.objects.get(plan=seed_plan, number=2)
    stored = plan_from_document(bytes(record.document))
    assert stored == plan_snapshot(plan=seed_plan, as_of=record.submitted_at)
    assert stored.as_of == record.submitted_at


@pytest.mark.parametrize(
    "data",
    [b"not json", b'{"schema_version": 99, "plan": {}}', b'{"schema_version": 1, "plan": {}}'],
)
def test_a_document_that_is_not_a_plan_is_refused(data):
    with pytest.raises(DocumentError):
        plan_from_document(data)
