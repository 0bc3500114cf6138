"""Freezing a submission: the plan as submitted, kept as its canonical document, print
HTML and PDF, each with its SHA-256, and chained to the plan's previous submission.

The one service that reads snapshots and renders through publishing: what is frozen
must be exactly what a reader was shown, so it is made by the same code, once, here.
"""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Milestone, SubmissionRecord, sha256_hex
from ..publishing.render import render_pdf, render_print_html
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
def submission_freeze(*, milestone: Milestone, view: PlanView | None = None) -> SubmissionRecord:
    """Store the submission as `view` shows it (default: the history at its moment).

    Submissions are frozen in the order they were made, so each can name the record
    of the one before it; a submission is frozen once.
    """
    if milestone.submitted_at is None:
        raise ValidationError("Only a submission can be frozen")
    if SubmissionRecord.objects.filter(milestone=milestone).exists():
        raise ValidationError(f"{milestone} is frozen already")
    plan = milestone.plan
    number = submission_number(milestone)
    previous = ""
    if number > 1:
        before = SubmissionRecord.objects.filter(plan=plan, number=number - 1).first()
        if before is None:
            raise ValidationError(
                f"Submission {number - 1} of '{plan.slug}' is not frozen: freeze it first"
            )
        previous = before.record_sha256
    if view is None:
        view = plan_snapshot(plan=plan, as_of=milestone.submitted_at)
    view = dataclasses.replace(view, as_of=milestone.submitted_at)

    document = plan_document(view)
    html = render_print_html(view)
    pdf = render_pdf(html)
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
        pdf=pdf,
        pdf_sha256=sha256_hex(pdf),
        previous_sha256=previous,
    )
    record.record_sha256 = record.chain_digest()
    return save_validated(record)
