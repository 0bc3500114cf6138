"""The sign-in forms (GOV.UK wording, throttled after repeated failures), and the form
that makes a personal API token."""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from govuk.fields import GovUKDateField
from govuk.forms import GovUKFormMixin

from .client import client_ip
from .models import ApiToken, AuthEvent
from .services import auth_event_record
from .throttle import sign_in_failure_record, sign_in_is_locked, sign_in_success_record
from .tokens import expiry_problem


def throttled_message() -> str:
    minutes = max(1, round(getattr(settings, "SIGN_IN_THROTTLE_LOCKOUT", 15 * 60) / 60))
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"You have entered the wrong details too many times. Wait {wait}, then try again."


class ThrottledSignInMixin:
    """Refuses sign-in, even with the right password, after too many failures.

    The check comes before the password is tried, so a locked username or address
    gets the same answer whether or not the account exists and whatever the password.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not (username and password):  # the fields' own errors say what is missing
            return super().clean()
        ip = client_ip(self.request)
        if sign_in_is_locked(username=username, ip=ip):
            auth_event_record(
                kind=AuthEvent.Kind.LOCKED_OUT, request=self.request, username=username
            )
            raise ValidationError(throttled_message(), code="throttled")
        try:
            cleaned_data = super().clean()
        except ValidationError:
            # user_cache is set when the password was right but the account may not sign
            # in here (inactive, or not staff for the admin): not a guess to count.
            if self.user_cache is None and sign_in_failure_record(username=username, ip=ip):
                raise ValidationError(throttled_message(), code="throttled") from None
            raise
        sign_in_success_record(username=username)
        return cleaned_data


class SignInForm(ThrottledSignInMixin, GovUKFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account cannot sign in. Contact the service team",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        # GOV.UK advises against autofocus: it skips whatever comes before the field.
        username.widget.attrs.pop("autofocus", None)
        username.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].error_messages["required"] = "Enter your password"


class AdminSignInForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """The admin's own sign-in page, counted and throttled with the service's."""


class ApiTokenForm(GovUKFormMixin, forms.Form):
    """A new personal API token: what it is for, and until when it works."""

    name = forms.CharField(
        label="Name",
        max_length=ApiToken.NAME_MAX_LENGTH,
        help_text="What the token is for, so that you can tell your tokens apart, for "
        "example “Nightly report for the inspectorate dashboard”",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"Name must be {ApiToken.NAME_MAX_LENGTH} characters or fewer",
        },
    )
    expires_on = GovUKDateField(
        label="Expiry date",
        help_text="The token stops working at the end of this day. For example, 31 3 2027",
        error_messages={
            "required": "Enter the expiry date",
            "incomplete": "Expiry date must include a %(missing)s",
            "invalid": "Expiry date must be a real date",
        },
    )

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if problem := expiry_problem(expires_on):
            raise ValidationError(problem)
        return expires_on


class EmailPreferencesForm(GovUKFormMixin, forms.Form):
    weekly_digest = forms.TypedChoiceField(
        label="Do you want the weekly digest?",
        help_text="Each week, a summary of your plans’ overdue actions, actions due within "
        "30 days and targets moved later. Reminders about actions you are a contact for "
        "are sent either way.",
        choices=[("yes", "Yes, email me the weekly digest"), ("no", "No, do not send it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want the weekly digest"},
    )
