"""Forms that edit a plan. The rules live in the models and services; these forms
collect input, offer the vocabulary, and show every error beside its field."""

import datetime

from django import forms

from govuk.fields import GovUKDateField, IdMultipleChoiceField

from ..models import Agreement, Milestone, ReasonCategory, Recommendation, ResponsibleBody
from .common import (
    ChangeReasonMixin,
    OwnersMixin,
    VersionMixin,
    long_text,
    rich_text,
    status_choice,
    target_date,
)


def date_question(label: str, what: str, example: str, required: bool = True) -> GovUKDateField:
    """A GOV.UK date input whose errors name the date asked for ("the date submitted")."""
    named = what[:1].upper() + what[1:]
    return GovUKDateField(
        label=label,
        required=required,
        help_text=f"For example, {example}",
        error_messages={
            "required": f"Enter {what}",
            "incomplete": f"{named} must include a %(missing)s",
            "invalid": f"{named} must be a real date",
        },
    )


class PlanCreateForm(ChangeReasonMixin):
    report_title = long_text(
        label="Inspection report title",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the title of the inspection report"},
    )
    report_published_on = date_question(
        "Date the report was published", "the date the report was published", "20 7 2023", False
    )
    slug = forms.SlugField(
        label="Short name for the web address",
        max_length=100,
        help_text="Lower-case letters, numbers and hyphens, for example ct-joint-inspection-2023",
        error_messages={
            "required": "Enter a short name for the web address",
            "invalid": "Use only lower-case letters, numbers and hyphens",
        },
    )
    bodies = IdMultipleChoiceField(
        label="Responding bodies",
        queryset=ResponsibleBody.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one responding body"},
    )
    field_order = ["report_title", "report_published_on", "slug", "bodies"]

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies


class GroupForm(ChangeReasonMixin):
    heading = forms.CharField(
        label="Addressee heading",
        max_length=300,
        help_text="As the report words it, for example “The Ministry of Justice should:”",
        error_messages={"required": "Enter the addressee heading"},
    )
    field_order = ["heading", "change_reason"]


class RecommendationForm(VersionMixin, ChangeReasonMixin):
    reference = forms.CharField(
        label="Recommendation number",
        max_length=20,
        help_text="As the report numbers it, for example 7, S40 or 1.46",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the recommendation's number or reference"},
    )
    text = rich_text(
        "Recommendation",
        rows=4,
        error_messages={"required": "Enter the text of the recommendation"},
    )
    agreement = forms.ChoiceField(
        label="Is the recommendation agreed?",
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the recommendation is agreed"},
    )
    rationale = rich_text(
        "Explanation",
        rows=4,
        required=False,
        help_text="Required for Partly Agreed and Not Agreed: which part will be implemented "
        "and why not all of it, or why the recommendation is not agreed.",
    )
    reasons = forms.MultipleChoiceField(
        label="Reasons",
        required=False,
        choices=ReasonCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Required for Partly Agreed and Not Agreed. Select all that apply.",
    )
    response = rich_text(
        "Response: opening text",
        rows=4,
        required=False,
        help_text="Text shown before the actions, if any.",
    )
    response_after = rich_text(
        "Response: closing text",
        rows=3,
        required=False,
        help_text="Text shown after the actions, if any.",
    )
    recommendation_fields = Recommendation.EDITABLE_FIELDS
    field_order = [*recommendation_fields, "change_reason"]

    def __init__(self, *args, definitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The categorisation table's definitions, shown as hints on each choice.
        self.fields["agreement"].choice_hints = definitions or {}

    def recommendation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.recommendation_fields}


class ActionForm(OwnersMixin, VersionMixin, ChangeReasonMixin):
    text = rich_text("Action", rows=4, required=False)
    target_text = target_date(
        help_text="As it will be published, for example March 2024, end of 2023-24 or Completed",
        error_messages={"required": "Enter a target date, such as March 2024"},
    )
    status = status_choice(required_message="Select the action's status")

    def __init__(self, *args, baseline_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if baseline_fixed:
            # The plan has been submitted: the target is the baseline, shown read-only by
            # the page and moved only by a revision with its reason.
            del self.fields["target_text"]
        self.order_fields(
            ["text", *self.owner_field_names(), "target_text", "status", "change_reason"]
        )

    def action_data(self) -> dict:
        """What the action services take from this form."""
        names = ("text", "target_text", "status")
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


class ProgressUpdateForm(OwnersMixin, ChangeReasonMixin):
    round = forms.CharField(
        label="Reporting round",
        max_length=50,
        help_text="The month and year of the round, for example July 2025. A new round is "
        "added if it does not exist yet.",
        widget=forms.TextInput(attrs={"list": "round-labels", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the reporting round, such as July 2025"},
    )
    text = rich_text(
        "Progress made", rows=6, error_messages={"required": "Enter the progress made"}
    )
    status = status_choice(required_message="Select the status")
    target_text = target_date(
        required=False,
        help_text="As it will be published, for example Completed or January 2025",
    )
    revises_action = forms.TypedChoiceField(
        label="Does this update change an action's target date?",
        required=False,
        coerce=int,
        empty_value=None,
    )
    revision_reason = rich_text(
        "Reason the target date has changed",
        rows=3,
        required=False,
        help_text="Reviewers look for this: say why the date has moved.",
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revises_action"].choices = [("", "No, the target dates are unchanged")] + [
            (str(a.id), f"Yes, action {i + 1} (currently {a.current_target_text})")
            for i, a in enumerate(actions)
        ]
        self.order_fields(
            [
                "round",
                "text",
                *self.owner_field_names(),
                "status",
                "target_text",
                "revises_action",
                "revision_reason",
                "change_reason",
            ]
        )

    def progress_data(self) -> dict:
        """What progress_update_add takes from this form, under its own names."""
        data = self.cleaned_data
        return {
            "round_label": data["round"],
            "text": data["text"],
            "owner_names": self.owner_names(),
            "status": data["status"],
            "target_text": data["target_text"],
            "revises_action_id": data["revises_action"],
            "revision_reason": data["revision_reason"],
            "change_reason": data["change_reason"],
        }

    def clean(self):
        data = super().clean()
        if data.get("revises_action") and not data.get("target_text"):
            self.add_error("target_text", "Enter the revised target date, such as January 2025")
        return data


# How each kind of submission is published, in the order an editor meets them.
SUBMISSION_LABELS = {
    Milestone.Kind.PLAN_SUBMITTED: "Action Plan Submitted",
    Milestone.Kind.UPDATED_PLAN_SUBMITTED: "Updated Action Plan Submitted",
    Milestone.Kind.PROGRESS_UPDATE_SUBMITTED: "Progress update submitted",
}


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you submitting?",
        choices=[(kind, SUBMISSION_LABELS[kind]) for kind in Milestone.SUBMISSION_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are submitting"},
    )
    label = forms.CharField(
        label="Milestone as published",
        max_length=200,
        help_text="For example “12 Month Update Action Plan Submitted”",
        error_messages={"required": "Enter the milestone as it will be published"},
    )
    date = date_question("Date submitted", "the date the plan is submitted", "9 8 2024")
    change_note = forms.CharField(
        label="What has changed since the last submission",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Reviewers see this note with the submission.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", datetime.date.today())


class ArchiveForm(ChangeReasonMixin):
    """Confirms archiving; the reason is kept in the history."""
