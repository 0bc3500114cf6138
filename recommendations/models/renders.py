"""A plan's PDF and print HTML rendered in the background, and the plans waiting for one.

A render is named by the digest of the print HTML it is made from (with the renderers'
versions), so a file can never be served for a plan that no longer shows what it shows;
its files are kept in Django's default storage under the SHA-256 of their own bytes.
A render is marked ready only after both files are stored, so a render that dies half
way (a worker killed, a machine lost) leaves nothing that can be served.
"""

from django.db import models

from .plans import ActionPlan
from .submissions import SubmissionRecord


class Render(models.Model):
    """One version of a plan rendered, or being rendered, by the background worker.

    No history: a render is derived data, made again whenever it is missing."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Being rendered"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="renders")
    digest = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the print HTML and the renderers."
    )
    # The moment of the plan rendered: None for the working plan as it was at `source_at`.
    as_of = models.DateTimeField(null=True, blank=True)
    # Set when the render is a submission's PDF: rendered from its frozen HTML, then
    # copied into the submission's record.
    submission = models.ForeignKey(
        SubmissionRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_at = models.DateTimeField(help_text="When the print HTML was taken.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    pdf = models.FileField(upload_to="renders/", max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    html = models.FileField(upload_to="renders/", max_length=200, blank=True)
    html_sha256 = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    # Touched every few seconds while a worker renders: a running render whose heartbeat
    # has stopped belongs to a worker that died, and is queued again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-finished_at", "-id"]
        indexes = [models.Index(fields=["plan", "state", "as_of"], name="render_plan_state")]

    def __str__(self):
        return f"Render of {self.plan.slug} ({self.get_state_display()}, {self.digest[:12]})"


class RenderWanted(models.Model):
    """A plan changed: its working version is rendered once it has been still a while.

    Every change moves `due_at` later; one task waits per plan, and a task that finds
    `due_at` still ahead when it runs is queued again for then, so a burst of edits
    gives one render, after the last."""

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()

    def __str__(self):
        return f"{self.plan.slug}: render due at {self.due_at:%Y-%m-%d %H:%M:%S}"


class PlanEdit(models.Model):
    """A committed change to a plan: one row per transaction that changed it, written in
    that transaction (so it exists exactly when the change does). The newest row's id is
    the plan's edit stamp, a one-row read that tells a download whether the working
    version it last worked out is still the working version. Older rows are pruned."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["plan", "-id"], name="plan_edit_newest")]

    def __str__(self):
        return f"{self.plan_id} changed at {self.at:%Y-%m-%d %H:%M:%S}"
