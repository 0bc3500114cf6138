"""Forms of the progress round: starting one, and confirming a submission that leaves
recommendations without an update."""

from django import forms

from .common import ChangeReasonMixin
from .editing import SubmissionForm, date_question


class RoundStartForm(ChangeReasonMixin):
    label = forms.CharField(
        label="Reporting round",
        max_length=50,
        help_text="The month and year of the round, for example July 2025",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the reporting round, such as July 2025"},
    )
    due_on = date_question(
        "Date the update is due to the inspectorate", "the date the update is due", "31 7 2025"
    )
    field_order = ["label", "due_on", "change_reason"]


class MissingUpdatesMixin(forms.Form):
    """On a submission from a round: the editor confirms leaving some recommendations
    without an update in it. Required only when there are some."""

    confirm_missing = forms.BooleanField(
        label="Submit without an update for these recommendations",
        required=False,
    )

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = list(missing)
        if not self.missing:
            del self.fields["confirm_missing"]

    def clean(self):
        data = super().clean()
        if self.missing and not data.get("confirm_missing"):
            self.add_error(
                "confirm_missing",
                "Confirm you are submitting without an update for these recommendations, or "
                "add their updates first",
            )
        return data


class RoundSubmissionForm(MissingUpdatesMixin, SubmissionForm):
    """The submission form, from a round: it asks to confirm what has no update."""

    field_order = ["kind", "label", "date", "change_note", "confirm_missing"]
