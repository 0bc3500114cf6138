"""Personal API tokens: making one (its secret shown once), revoking it, and finding the
token a request's secret belongs to.

A secret is "tracker_" and 43 URL-safe characters (32 random bytes); only its SHA-256 is
stored, so a copy of the database gives nobody a working token. A token acts as its
user, with their role and bodies at the time of each request, and nothing more.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ApiToken

SECRET_MARK = "tracker_"
PREFIX_LENGTH = len(SECRET_MARK) + 6
# A token's last use is written at most this often: a busy client is not a write a request.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


def secret_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def api_tokens_of(*, user) -> list[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included."""
    return list(ApiToken.objects.filter(user=user))


def expiry_problem(expires_on: datetime.date) -> str | None:
    """What is wrong with this expiry date, if anything (API_TOKEN_MAX_DAYS the longest)."""
    today = timezone.localdate()
    longest = getattr(settings, "API_TOKEN_MAX_DAYS", 366)
    if expires_on < today:
        return "Expiry date must be today or in the future"
    if expires_on > today + datetime.timedelta(days=longest):
        return f"Expiry date must be within {longest} days of today"
    return None


@transaction.atomic
def api_token_create(*, user, name: str, expires_on: datetime.date) -> tuple[ApiToken, str]:
    """A new token for this user, valid until the end of `expires_on` (London time), and
    its secret: the only time the secret exists outside the client that keeps it."""
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = "Enter a name for the token"
    elif len(name) > ApiToken.NAME_MAX_LENGTH:
        errors["name"] = f"Name must be {ApiToken.NAME_MAX_LENGTH} characters or fewer"
    if problem := expiry_problem(expires_on):
        errors["expires_on"] = problem
    if errors:
        raise ValidationError(errors)
    secret = SECRET_MARK + secrets.token_urlsafe(32)
    end_of_day = datetime.datetime.combine(
        expires_on, datetime.time.max, tzinfo=timezone.get_current_timezone()
    )
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        sha256=secret_sha256(secret),
        expires_at=end_of_day,
    )
    return token, secret


def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke one of this user's tokens (from now on it is refused). Raises
    ApiToken.DoesNotExist for a token that is not theirs."""
    token = ApiToken.objects.get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_for(*, secret: str) -> ApiToken | None:
    """The live token this secret belongs to (not revoked, not expired, its user active),
    with its user and their membership; None for any other secret."""
    if not secret.startswith(SECRET_MARK) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__membership")
        .filter(sha256=secret_sha256(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active() or not token.user.is_active:
        return None
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Record that the token was used now (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY)
    ).update(last_used_at=now)
    token.last_used_at = now
