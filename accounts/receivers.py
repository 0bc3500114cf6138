"""Django's authentication signals, written to the sign-in event log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuthEvent
from .services import auth_event_record


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def record_signed_in(sender, request, user, **kwargs):
    auth_event_record(kind=AuthEvent.Kind.SIGNED_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def record_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials` with asterisks.
    username = credentials.get("username") or ""
    auth_event_record(kind=AuthEvent.Kind.SIGN_IN_FAILED, request=request, username=str(username))


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def record_signed_out(sender, request, user, **kwargs):
    # Signing out when already signed out (an expired session) is not an event.
    if user is not None:
        auth_event_record(kind=AuthEvent.Kind.SIGNED_OUT, request=request, user=user)
