"""Forms of the reading pages: filters, comparisons, and the inspectorate's own writes."""

from django import forms

from ..models import Agreement, Assessment, ResponsibleBody, Status
from .common import long_text
from .editing import date_question


class PlanFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    body = forms.ModelChoiceField(
        label="Responding body",
        queryset=ResponsibleBody.objects.all(),
        required=False,
        empty_label="All bodies",
    )
    status = forms.ChoiceField(
        label="Action status",
        required=False,
        choices=[("", "Any status"), ("overdue", "Overdue"), *Status.choices],
    )


class AssessmentForm(forms.Form):
    rating = forms.ChoiceField(
        label="How much progress has been made?",
        choices=Assessment.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much progress has been made"},
    )
    comment = long_text(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say why. The department sees this; it does not change their own status.",
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter your comment"},
    )


AS_IT_STOOD = "Or the plan as it stood on a date"


class CompareForm(forms.Form):
    """Two versions of a plan: each a submission, the working version, or a date."""

    old = forms.ChoiceField(label="Earlier version", required=False)
    old_date = date_question(AS_IT_STOOD, "the earlier date", "1 1 2024", required=False)
    new = forms.ChoiceField(label="Later version", required=False)
    new_date = date_question(AS_IT_STOOD, "the later date", "1 9 2024", required=False)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].choices = list(versions)


class PlanOnDateForm(forms.Form):
    """A day to read the plan as it stood at the end of (GET, the date input's boxes)."""

    as_of = date_question("Date", "the date", "1 1 2024")


class SlippageFilterForm(forms.Form):
    """The slippage report's filters (the dashboard's figures link here with them set)."""

    SHOW = [
        ("", "Slipped and overdue"),
        ("overdue", "Overdue"),
        ("due", "Due in the next 30 days"),
        ("slipped", "Target dates moved later"),
    ]

    show = forms.ChoiceField(label="Show actions", required=False, choices=SHOW)
    plan = forms.ChoiceField(label="Plan", required=False)
    owner = forms.ChoiceField(label="Responsible owner", required=False)
    addressee = forms.ChoiceField(label="Addressee", required=False)
    body = forms.ChoiceField(label="Responding body", required=False)
    agreement = forms.ChoiceField(
        label="Agreement", required=False, choices=[("", "Any agreement"), *Agreement.choices]
    )

    def __init__(self, *args, plans=(), owners=(), addressees=(), bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "All plans"), *plans]
        self.fields["owner"].choices = [("", "All owners"), *((o, o) for o in owners)]
        self.fields["addressee"].choices = [("", "All addressees"), *((a, a) for a in addressees)]
        self.fields["body"].choices = [("", "All bodies"), *bodies]
