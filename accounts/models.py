"""Users' roles (Membership), and a record of every sign-in, failed sign-in, refused
sign-in and sign-out."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class AuthEvent(models.Model):
    """One sign-in attempt or sign-out. Written once, never changed (the admin is read-only)."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGNED_OUT = "signed_out", "Signed out"
        LOCKED_OUT = "locked_out", "Sign-in refused: too many failures"

    USERNAME_MAX_LENGTH = 150
    USER_AGENT_MAX_LENGTH = 300

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # As typed, so that attempts on names that do not exist are recorded too.
    username = models.CharField(max_length=USERNAME_MAX_LENGTH, blank=True)
    # Kept when the account is later deleted: the username above still says who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="auth_events",
    )
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=USER_AGENT_MAX_LENGTH, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-in event"
        indexes = [models.Index(fields=["username", "at"])]

    def __str__(self):
        who = self.username or "(no username)"
        return f"{self.get_kind_display()}: {who} at {self.at:%Y-%m-%d %H:%M:%S}"


class Membership(models.Model):
    """A user's role: policy staff editing their bodies' plans, or inspectorate reviewers.

    Administrators are Django superusers and need no membership.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", "Editor"
        REVIEWER = "reviewer", "Reviewer"

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    # By name, so that importing accounts does not import the plans' models.
    bodies = models.ManyToManyField(
        "recommendations.ResponsibleBody", blank=True, related_name="members"
    )
    history = HistoricalRecords(m2m_fields=[bodies])

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A personal API token: a machine client acting as its user, with their role and
    bodies and nothing more. Only the SHA-256 of the secret is kept; the secret is shown
    once, when the token is made (accounts/tokens.py)."""

    NAME_MAX_LENGTH = 100

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH, help_text="What the token is for.")
    # The secret's first characters, so that its owner can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    sha256 = models.CharField("SHA-256 of the secret", max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…, {self.user})"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class NotificationPreference(models.Model):
    """What email a user wants beyond what their work needs. No row: the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    weekly_digest = models.BooleanField(
        default=True, help_text="The weekly summary of overdue and due actions."
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.user}: weekly digest {'on' if self.weekly_digest else 'off'}"
