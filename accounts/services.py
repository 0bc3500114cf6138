"""Writes for the accounts app: the sign-in event log."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from .client import client_ip, user_agent
from .models import AuthEvent


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
