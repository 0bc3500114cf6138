"""Freezing a submission: submitting (and loading) stores the plan as submitted, chained."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import SubmissionRecord, sha256_hex
from recommendations.snapshots import plan_from_document

pytestmark = pytest.mark.django_db


def test_loading_the_seed_freezes_its_three_submissions_in_a_chain(seed_plan):
    records = list(SubmissionRecord.objects.filter(plan=seed_plan).order_by("number"))
    assert [r.number for r in records] == [1, 2, 3]
    assert records[0].previous_sha256 == ""
    assert [r.previous_sha256 for r in records[1:]] == [r.record_sha256 for r in records[:-1]]
    for record in records:
        assert record.submitted_at == record.milestone.submitted_at
        for name in ("document", "html", "pdf"):
            assert sha256_hex(bytes(getattr(record, name))) == getattr(record, f"{name}_sha256")
        assert record.record_sha256 == record.chain_digest()
        assert bytes(record.pdf).startswith(b"%PDF-")
        assert bytes(record.html).lstrip().lower().startswith(b"<!doctype html")


def test_submitting_freezes_the_plan_as_it_stands_with_its_own_milestone(seed_plan, background):
    milestone = services.plan_submit(
        plan=seed_plan,
        kind="progress_update_submitted",
        label="18 Month Update Submitted",
        date=datetime.date(2025, 2, 1),
    )
    record = milestone.frozen_record
    assert record.number == 4
    # The document and HTML are frozen with the submission; the worker adds the PDF.
    assert record.pdf_pending and bytes(record.pdf) == b"" and record.record_sha256 is None
    background()
    record.refresh_from_db()
    assert bytes(record.pdf).startswith(b"%PDF-") and record.record_sha256 == record.chain_digest()
    assert (
        record.previous_sha256
        == SubmissionRecord.objects.get(plan=seed_plan, number=3).record_sha256
    )
    view = plan_from_document(bytes(record.document))
    assert view.as_of == milestone.submitted_at
    assert "18 Month Update Submitted" in [m.label for m in view.milestones]
    assert "18 Month Update Submitted" in bytes(record.html).decode()


def test_a_submission_is_frozen_once(seed_plan):
    record = SubmissionRecord.objects.get(plan=seed_plan, number=1)
    with pytest.raises(ValidationError, match="frozen already"):
        services.submission_freeze(milestone=record.milestone)
