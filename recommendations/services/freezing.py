"""Freezing a submission: the plan as submitted, kept as its canonical document, print
HTML and PDF, each with its SHA-256, and chained to the plan's previous submission.

The one service that reads snapshots and renders through publishing: what is frozen
must be exactly what a reader was shown, so it is made by the same code, once, here.
The document and the HTML are frozen in the submitting transaction; the PDF, which
takes seconds for a small plan and minutes for a large one, is rendered from that HTML
by the background worker (`publishing.tasks.render_submission_pdf`), queued in the same
transaction so that it exists exactly when the submission does.
"""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Milestone, SubmissionRecord, sha256_hex
from ..publishing.background import submission_render_queue
from ..publishing.render import render_pdf, render_print_html
from ..publishing.stored import submission_pdf_store
from ..snapshots import PlanView, plan_document, plan_snapshot
from ..snapshots.documents import SCHEMA_VERSION
from .common import save_validated


def submission_number(milestone: Milestone) -> int:
    """Which submission of its plan this is: N for the N-th, in the order they were made."""
    made = milestone.plan.milestones.filter(submitted_at__isnull=False).order_by(
        "submitted_at", "id"
    )
    return list(made.values_list("id", flat=True)).index(milestone.pk) + 1


@transaction.atomic
def submission_freeze(
    *, milestone: Milestone, view: PlanView | None = None, pdf_now: bool = False
) -> SubmissionRecord:
    """Store the submission as `view` shows it (default: the history at its moment).

    Submissions are frozen in the order they were made, so each can name the record
    of the one before it; a submission is frozen once. The PDF is queued for the
    worker, or rendered here with `pdf_now` (the command line, which may wait).
    """
    if milestone.submitted_at is None:
        raise ValidationError("Only a submission can be frozen")
    if SubmissionRecord.objects.filter(milestone=milestone).exists():
        raise ValidationError(f"{milestone} is frozen already")
    plan = milestone.plan
    number = submission_number(milestone)
    if number > 1 and not SubmissionRecord.objects.filter(plan=plan, number=number - 1).exists():
        raise ValidationError(
            f"Submission {number - 1} of '{plan.slug}' is not frozen: freeze it first"
        )
    if view is None:
        view = plan_snapshot(plan=plan, as_of=milestone.submitted_at)
    view = dataclasses.replace(view, as_of=milestone.submitted_at)

    document = plan_document(view)
    html = render_print_html(view)
    html_bytes = html.encode("utf-8")
    record = SubmissionRecord(
        milestone=milestone,
        plan=plan,
        number=number,
        submitted_at=milestone.submitted_at,
        schema_version=SCHEMA_VERSION,
        document=document,
        document_sha256=sha256_hex(document),
        html=html_bytes,
        html_sha256=sha256_hex(html_bytes),
    )
    save_validated(record)
    if pdf_now:
        return submission_pdf_store(record_id=record.pk, pdf=render_pdf(html))
    submission_render_queue(record=record)
    return record
