"""A submission as it was submitted: the plan's canonical document and its print files,
each with its SHA-256, chained to the plan's previous submission.

A record is written once, when the plan is submitted (or loaded), and never changed:
later reads of the submission come from here, not from the live tables or the
history, so renaming a body or changing the print template cannot alter it.
"""

import datetime
import hashlib

from django.db import models

from .plans import ActionPlan, Milestone


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SubmissionRecord(models.Model):
    """The frozen submission. No history: it is immutable, and history would copy the files.

    The files are kept in the database (BinaryField), not in default storage: the record
    and its bytes are written in the submit's one transaction (a failed submit leaves no
    orphan file), the whole-database backup (`backup_db`) carries them, and the service
    needs no media volume. A plan's PDF is a few hundred kilobytes per submission.
    """

    milestone = models.OneToOneField(
        Milestone, on_delete=models.PROTECT, related_name="frozen_record"
    )
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="submission_records"
    )
    number = models.PositiveIntegerField(help_text="1 for the plan's first submission.")
    submitted_at = models.DateTimeField()
    schema_version = models.PositiveSmallIntegerField()
    document = models.BinaryField(help_text="The plan as canonical JSON (UTF-8).")
    document_sha256 = models.CharField(max_length=64)
    html = models.BinaryField(help_text="The print HTML as served (UTF-8).")
    html_sha256 = models.CharField(max_length=64, db_index=True)
    # The PDF is rendered by the background worker from the stored HTML (a large plan
    # takes minutes), so a record is complete, and its record hash set, only after that:
    # until then the PDF is empty and `record_sha256` is None.
    pdf = models.BinaryField(blank=True, default=b"")
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    previous_sha256 = models.CharField(
        max_length=64, blank=True, help_text="The record hash of the plan's previous submission."
    )
    record_sha256 = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="submission_number_once"),
        ]

    def __str__(self):
        return f"Submission {self.number} of {self.plan.slug}"

    @property
    def pdf_pending(self) -> bool:
        """True while the background worker has still to render this submission's PDF."""
        return self.record_sha256 is None

    def chain_digest(self) -> str:
        """The record hash as the record's fields give it now (see `record_digest`)."""
        return record_digest(
            schema_version=self.schema_version,
            number=self.number,
            submitted_at=self.submitted_at,
            document_sha256=self.document_sha256,
            html_sha256=self.html_sha256,
            pdf_sha256=self.pdf_sha256,
            previous_sha256=self.previous_sha256,
        )


def record_digest(
    *,
    schema_version: int,
    number: int,
    submitted_at: datetime.datetime,
    document_sha256: str,
    html_sha256: str,
    pdf_sha256: str,
    previous_sha256: str,
) -> str:
    """SHA-256 of one line per field, in a fixed order; the moment in UTC, ISO 8601."""
    moment = submitted_at.astimezone(datetime.UTC).isoformat()
    lines = [
        "submission-record",
        str(schema_version),
        str(number),
        moment,
        document_sha256,
        html_sha256,
        pdf_sha256,
        previous_sha256,
    ]
    return sha256_hex("\n".join(lines).encode())
