"""Reading frozen submissions: the plan as submitted, the check of every hash and of
the chain, and which submission a downloaded file is.

A submission is read from its record (models/submissions.py), never rebuilt from the
live tables or the history; a submission made before records existed has none, and is
read from the history as before.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from ..models import ActionPlan, Milestone, SubmissionRecord, sha256_hex
from ..snapshots import DocumentError, PlanView, plan_from_document, plan_snapshot
from .versions import PlanVersions, plan_submissions, plan_versions

FILES = {"document": "document", "html": "HTML", "pdf": "PDF"}


def submission_record(*, milestone: Milestone | None) -> SubmissionRecord | None:
    if milestone is None or milestone.pk is None:
        return None
    return SubmissionRecord.objects.filter(milestone=milestone).first()


def submission_view(*, milestone: Milestone) -> PlanView:
    """The plan as submitted: from its frozen document, or the history if it has none."""
    record = submission_record(milestone=milestone)
    if record is None:
        return plan_snapshot(plan=milestone.plan, as_of=milestone.submitted_at)
    return plan_from_document(bytes(record.document))


def version_snapshot(*, versions: PlanVersions) -> PlanView:
    """The version this reader reads: live for editors, else the latest submission."""
    if versions.read_submission is not None:
        return submission_view(milestone=versions.read_submission)
    return plan_snapshot(plan=versions.plan, as_of=versions.as_of)


def submission_problems(*, plan: ActionPlan) -> list[str]:
    """What does not hold in the plan's frozen submissions: each stored file against its
    hash, each record against its record hash, and the chain. Empty when all is well."""
    problems = []
    records = {r.milestone_id: r for r in SubmissionRecord.objects.filter(plan=plan)}
    previous = ""
    for number, milestone in enumerate(plan_submissions(plan=plan), start=1):
        where = f"Plan '{plan.slug}', submission {number}"
        record = records.pop(milestone.pk, None)
        if record is None:
            problems.append(f"{where}: not frozen (no stored record)")
            previous = None
            continue
        if record.number != number:
            problems.append(f"{where}: the record is numbered {record.number}")
        if record.submitted_at != milestone.submitted_at:
            problems.append(f"{where}: the record's moment differs from the submission's")
        for name, label in FILES.items():
            if name == "pdf" and record.pdf_pending:
                continue  # the worker has still to render it: nothing to check yet
            if sha256_hex(bytes(getattr(record, name))) != getattr(record, f"{name}_sha256"):
                problems.append(f"{where}: the {label} hash differs from the stored {label}")
        if _unreadable(record):
            problems.append(f"{where}: the stored document cannot be read")
        if record.pdf_pending:
            if record.pdf_sha256 or bytes(record.pdf):
                problems.append(f"{where}: a PDF is stored but the record was never completed")
            previous = None  # the next record cannot be completed before this one
            continue
        if record.chain_digest() != record.record_sha256:
            problems.append(f"{where}: the record hash differs from the record")
        if previous is not None and record.previous_sha256 != previous:
            problems.append(f"{where}: the chain is broken (previous record hash differs)")
        previous = record.record_sha256
    for record in records.values():
        problems.append(f"Plan '{plan.slug}', record {record.number}: its submission is gone")
    return problems


def _unreadable(record: SubmissionRecord) -> bool:
    try:
        plan_from_document(bytes(record.document))
    except (DocumentError, KeyError, TypeError, ValueError):
        return True
    return False


@dataclass(frozen=True)
class FileMatch:
    """The submission a file is: its plan, number, moment and who submitted it."""

    plan: ActionPlan
    number: int
    fmt: str
    submitted_on: datetime.date
    submitted_by: str


def file_match(*, user, digest: str) -> FileMatch | None:
    """The submission, among those this user may read, whose stored HTML or PDF has
    this SHA-256; None if there is none."""
    records = (
        SubmissionRecord.objects.filter(html_sha256=digest)
        | SubmissionRecord.objects.filter(pdf_sha256=digest)
    ).select_related("plan", "milestone__submitted_by")
    for record in records.defer(*FILES).order_by("plan__slug", "number"):
        try:
            plan_versions(user=user, plan=record.plan)
        except PermissionDenied:
            continue
        who = record.milestone.submitted_by
        return FileMatch(
            plan=record.plan,
            number=record.number,
            fmt="HTML" if record.html_sha256 == digest else "PDF",
            submitted_on=record.milestone.date,
            submitted_by=(who.get_full_name() or who.get_username()) if who else "",
        )
    return None
