"""Who hears about an owner's actions (OwnerContact), and every email the service sends
(Message): to whom, about what, when, and what the mail provider said."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .recommendations import Owner
from .vocabulary import Archivable


class OwnerContact(Archivable):
    """A person behind an owner's role: an email address, a user of the service, or both.

    An owner is a role ("Deputy Director Custody"); its contacts receive the reminders
    about its actions. A user's own address is used when the contact names a user.
    Removing a contact archives it, so the history says who was told what and why.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="owner_contacts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["owner", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | Q(user__isnull=False),
                name="owner_contact_has_address_or_user",
            ),
        ]

    def __str__(self):
        return f"{self.address or self.user} for {self.owner}"

    @property
    def address(self) -> str:
        """Where reminders go: the linked user's address if they have one, else the one typed."""
        if self.user_id and self.user.email:
            return self.user.email
        return self.email

    def clean(self):
        self.email = (self.email or "").strip().lower()
        if not self.email and not self.user_id:
            raise ValidationError({"email": "Enter an email address or choose a person"})


class Message(models.Model):
    """One email, queued, sent or given up on: nothing is sent without a record here.

    `key` is unique: the same reminder for the same period is queued once, however many
    times (or from however many processes at once) the reminders run.

    GOV.UK Notify accepts a message first and delivers it later: `delivery_status` is what
    Notify last said of it (its own words: created, sending, pending, delivered,
    permanent-failure, temporary-failure, technical-failure), empty for mail whose
    delivery is final once sent (SMTP, files). A permanent failure makes the message
    bounced; a temporary or technical one sends it again.
    """

    class Kind(models.TextChoices):
        DUE_30 = "due_30", "Due within 30 days"
        DUE_7 = "due_7", "Due within 7 days"
        OVERDUE = "overdue", "Overdue"
        DIGEST = "digest", "Weekly digest"
        SUBMITTED = "submitted", "Plan submitted"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        RETRYING = "retrying", "Retrying"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"

    key = models.CharField(max_length=400, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_received",
    )
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # What the message is about: the plan, owner and actions (with the target month each
    # was reminded of), or the submission.
    plan = models.ForeignKey(
        "recommendations.ActionPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    owner = models.ForeignKey(
        Owner, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    about = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivery_status = models.CharField(max_length=30, blank=True)
    delivery_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["delivery_status", "sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["queued", "sending", "sent", "retrying", "failed", "bounced"]
                ),
                name="message_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}: {self.subject}"
