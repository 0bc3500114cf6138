"""A plan file uploaded to be imported, kept between its preview and the confirmation.

The file is read again on each look (reading is deterministic), so the preview a person
confirms is exactly what is written; once imported, the record names the plan it made.
"""

import uuid

from django.conf import settings
from django.db import models

from .plans import ActionPlan


class PlanImport(models.Model):
    """An upload waiting to be confirmed. No history: it is never edited, only used once.

    The bytes live in the database, like a submission's files: the upload and the plan
    it becomes need no shared file volume between web processes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # None: imported from the command line (manage.py import_plan).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    slug = models.SlugField(max_length=100, blank=True, help_text="Asked for at upload.")
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"
