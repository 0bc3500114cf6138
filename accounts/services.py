"""Writes for the accounts app: the sign-in event log and email preferences."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from .client import client_ip, user_agent
from .models import AuthEvent, NotificationPreference


def auth_event_record(
    *, kind: str, request: HttpRequest | None, username: str = "", user=None
) -> AuthEvent:
    """Record one sign-in attempt or sign-out, with where it came from.

    For failed and refused attempts the account is looked up by the username as typed,
    so that the log links every attempt on an account; nothing of this reaches the user.
    """
    username = (username or (user.get_username() if user is not None else ""))[
        : AuthEvent.USERNAME_MAX_LENGTH
    ]
    if user is None and username:
        user = (
            get_user_model()
            ._default_manager.filter(**{get_user_model().USERNAME_FIELD: username})
            .first()
        )
    event = AuthEvent(
        kind=kind,
        username=username,
        user=user,
        ip=client_ip(request),
        user_agent=user_agent(request, AuthEvent.USER_AGENT_MAX_LENGTH),
    )
    event.full_clean()
    event.save()
    return event


def notification_preference_of(*, user) -> bool:
    """Whether the user wants the weekly digest (yes, until they say otherwise)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.weekly_digest if preference else True


def notification_preference_set(*, user, weekly_digest: bool):
    """Turn the user's weekly digest on or off."""
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    preference.weekly_digest = weekly_digest
    preference._history_user = user
    preference.full_clean()
    preference.save()
    return preference
