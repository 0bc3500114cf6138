"""The form that gives an owner another contact."""

from django import forms

from govuk.forms import GovUKFormMixin


class OwnerContactForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="For example, name@example.gov.uk",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk"
        },
        widget=forms.EmailInput(
            attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}
        ),
    )
    user = forms.ModelChoiceField(
        label="Or choose one of the plan's editors",
        queryset=None,
        required=False,
        empty_label="None",
        help_text="Reminders go to their own email address.",
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{u.get_username()} ({u.email})"

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("user"):
            self.add_error("email", "Enter an email address or choose one of the plan's editors")
        return cleaned
