"""A submission's frozen files: served as the bytes stored when it was submitted, and
its PDF added once, when the background worker has rendered it from the frozen HTML
(a write kept here, beside the files it completes, so that the worker's task needs
nothing from the services above it).

A submission's HTML and PDF are never rendered again: the template, a body's name or
an owner's may change later, and the file a reader downloads must stay the file that
was submitted. The ETag is the stored file's SHA-256. A submission made before
records existed has none, and is rendered from the history as before.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import SubmissionRecord, sha256_hex
from ..selectors.submissions import submission_record
from ..selectors.versions import PlanVersions
from .render import CONTENT_TYPES, HTML, Publication, publication_name, publication_prepare


@dataclass(frozen=True)
class StoredPublication(Publication):
    """A frozen submission's file: `digest` is the SHA-256 of `data`, recorded when the
    submission was frozen (so it is the ETag too), and `body()` is `data` itself."""

    data: bytes = b""
    record_id: int | None = None
    number: int | None = None
    # The PDF of a submission made moments ago, which the worker has still to render.
    pending: bool = False

    def body(self) -> bytes:
        return self.data


def version_publication(
    *, versions: PlanVersions, fmt: str, number: int | None = None
) -> Publication | StoredPublication:
    """The file of the version this reader reads (or chose), or of submission `number`.

    Raises Milestone.DoesNotExist for a number the plan has no submission of."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown format {fmt!r}: choose pdf or html")
    if number is not None:
        versions = versions.of_submission(number)
    plan, as_of, milestone = versions.plan, versions.as_of, versions.read_submission
    if versions.chosen_submission is not None:
        number = versions.read_number
    record = submission_record(milestone=milestone)
    if record is None:
        return publication_prepare(plan=plan, as_of=as_of, fmt=fmt, submission=number)
    if fmt == HTML:
        data, digest = bytes(record.html), record.html_sha256
    else:
        data, digest = bytes(record.pdf), record.pdf_sha256
    name = publication_name(plan=plan, as_of=as_of, submission=number)
    return StoredPublication(
        fmt=fmt,
        html="",
        digest=digest,
        filename=f"{name}.{fmt}",
        data=data,
        record_id=record.pk,
        number=record.number,
        pending=fmt != HTML and record.pdf_pending,
    )


@transaction.atomic
def submission_pdf_store(*, record_id: int, pdf: bytes) -> SubmissionRecord:
    """Complete a frozen submission with its PDF: the PDF's hash, the previous record's
    hash and the record hash are set together, once. The previous record must be
    complete (records complete in order)."""
    record = SubmissionRecord.objects.select_for_update().get(pk=record_id)
    if not record.pdf_pending:
        return record
    previous = ""
    if record.number > 1:
        before = SubmissionRecord.objects.get(plan=record.plan_id, number=record.number - 1)
        if before.pdf_pending:
            raise ValidationError(
                f"Submission {before.number} of '{record.plan.slug}' has no PDF yet: "
                "complete it first"
            )
        previous = before.record_sha256
    record.pdf = pdf
    record.pdf_sha256 = sha256_hex(pdf)
    record.previous_sha256 = previous
    record.record_sha256 = record.chain_digest()
    record.full_clean()
    record.save(update_fields=["pdf", "pdf_sha256", "previous_sha256", "record_sha256"])
    return record
