"""Forms for editing plans. Validation of the rules lives in the models and services;
these forms collect input, offer the vocabulary, and show every error beside its field."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from .models import (
    Agreement,
    Assessment,
    Milestone,
    Owner,
    ReasonCategory,
    ResponsibleBody,
    Status,
)

CHANGE_REASON_HELP = "Say why you are making this change. Reviewers see it in the history."
# The longest cell of a published plan is a few thousand characters; a limit well above
# that keeps pages, diffs and PDFs fast and tells whoever pastes a whole document.
TEXT_LIMIT = 20_000
TEXT_TOO_LONG = "Shorten this text to 20,000 characters or fewer (it has %(show_value)d)"


def long_text(**kwargs) -> forms.CharField:
    """A rich-text field with the length limit and its GOV.UK-worded error."""
    kwargs.setdefault("max_length", TEXT_LIMIT)
    field = forms.CharField(**kwargs)
    field.error_messages["max_length"] = TEXT_TOO_LONG
    return field


OWNER_SLOTS = 3


def add_service_errors(form: forms.Form, error: ValidationError, field_map=None) -> None:
    """Show a service's validation errors beside the matching fields, or in the summary."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, messages)


class ChangeReasonMixin(forms.Form):
    change_reason = forms.CharField(
        label="Reason for change",
        required=False,
        max_length=500,
        help_text=CHANGE_REASON_HELP,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )


class VersionMixin(forms.Form):
    """The version of the record the form was loaded from, to refuse lost updates."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


class DateField(forms.DateField):
    """A date typed as day, month and year or as "9 August 2024"."""

    input_formats = ["%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d-%m-%Y"]
    default_error_messages = {
        "invalid": "Enter a real date, such as 9/8/2024 or 9 August 2024",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = " ".join(value.split())
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Model choices by id, where a value that cannot be an id is an invalid choice.

    Django passes any string to the database; an id past 64 bits overflows there.
    """

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or len(str(pk)) > 18:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class OwnersMixin(forms.Form):
    """Up to three owner roles, each chosen from existing owners or typed as a new one."""

    def __init__(self, *args, owner_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(OWNER_SLOTS):
            self.fields[f"owner_{i + 1}"] = forms.CharField(
                label=f"Responsible owner {i + 1}" if i else "Responsible owner",
                required=i == 0,
                max_length=255,
                help_text="Start typing to choose an existing role, or enter a new one"
                if i == 0
                else "",
                widget=forms.TextInput(attrs={"list": "owner-names", "autocomplete": "off"}),
                error_messages={"required": "Enter the responsible owner"},
            )
        for i, name in enumerate(list(owner_names)[:OWNER_SLOTS]):
            self.initial.setdefault(f"owner_{i + 1}", name)

    def owner_names(self) -> list[str]:
        names = []
        for i in range(OWNER_SLOTS):
            name = " ".join((self.cleaned_data.get(f"owner_{i + 1}") or "").split())
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        return names

    @staticmethod
    def known_owner_names() -> list[str]:
        return list(Owner.objects.order_by("name").values_list("name", flat=True))


class PlanCreateForm(ChangeReasonMixin):
    report_title = long_text(
        label="Inspection report title",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the title of the inspection report"},
    )
    report_published_on = DateField(
        label="Date the report was published",
        required=False,
        help_text="For example, 20/7/2023",
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

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = (
            bodies if bodies is not None else (ResponsibleBody.objects.all())
        )
        self.order_fields(["report_title", "report_published_on", "slug", "bodies"])


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
    text = long_text(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a "
        "bullet point.",
        error_messages={"required": "Enter the text of the recommendation"},
    )
    agreement = forms.ChoiceField(
        label="Is the recommendation agreed?",
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the recommendation is agreed"},
    )
    rationale = long_text(
        label="Explanation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
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
    response = long_text(
        label="Response: opening text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Text shown before the actions, if any.",
    )
    response_after = long_text(
        label="Response: closing text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Text shown after the actions, if any.",
    )
    field_order = [
        "reference",
        "text",
        "agreement",
        "rationale",
        "reasons",
        "response",
        "response_after",
        "change_reason",
    ]

    def __init__(self, *args, definitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The categorisation table's definitions, shown as hints on each choice.
        self.fields["agreement"].choice_hints = definitions or {}


class ActionForm(OwnersMixin, VersionMixin, ChangeReasonMixin):
    text = long_text(
        label="Action",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a "
        "bullet point.",
    )
    target_text = forms.CharField(
        label="Target date",
        max_length=100,
        help_text="As it will be published, for example March 2024, end of 2023-24 or Completed",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": "Enter a target date, such as March 2024"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["text", "owner_1", "owner_2", "owner_3", "target_text", "status", "change_reason"]
        )


class ProgressUpdateForm(OwnersMixin, ChangeReasonMixin):
    round = forms.CharField(
        label="Reporting round",
        max_length=50,
        help_text="The month and year of the round, for example July 2025. A new round is "
        "added if it does not exist yet.",
        widget=forms.TextInput(attrs={"list": "round-labels", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the reporting round, such as July 2025"},
    )
    text = long_text(
        label="Progress made",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a "
        "bullet point.",
        error_messages={"required": "Enter the progress made"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    target_text = forms.CharField(
        label="Target date",
        required=False,
        max_length=100,
        help_text="As it will be published, for example Completed or January 2025",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    revises_action = forms.TypedChoiceField(
        label="Does this update change an action's target date?",
        required=False,
        coerce=int,
        empty_value=None,
    )
    revision_reason = long_text(
        label="Reason the target date has changed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
                "owner_1",
                "owner_2",
                "owner_3",
                "status",
                "target_text",
                "revises_action",
                "revision_reason",
                "change_reason",
            ]
        )

    def clean(self):
        data = super().clean()
        if data.get("revises_action") and not data.get("target_text"):
            self.add_error("target_text", "Enter the revised target date, such as January 2025")
        return data


SUBMISSION_KINDS = [
    (Milestone.Kind.PLAN_SUBMITTED, "Action Plan Submitted"),
    (Milestone.Kind.UPDATED_PLAN_SUBMITTED, "Updated Action Plan Submitted"),
    (Milestone.Kind.PROGRESS_UPDATE_SUBMITTED, "Progress update submitted"),
]


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you submitting?",
        choices=SUBMISSION_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are submitting"},
    )
    label = forms.CharField(
        label="Milestone as published",
        max_length=200,
        help_text="For example “12 Month Update Action Plan Submitted”",
        error_messages={"required": "Enter the milestone as it will be published"},
    )
    date = DateField(
        label="Date submitted",
        help_text="For example, 9/8/2024",
        error_messages={"required": "Enter the date the plan is submitted"},
    )
    change_note = forms.CharField(
        label="What has changed since the last submission",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Reviewers see this note with the submission.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", datetime.date.today().strftime("%d/%m/%Y"))


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


class ArchiveForm(ChangeReasonMixin):
    """Confirms archiving; the reason is kept in the history."""


class CompareForm(forms.Form):
    """Two versions of a plan: each a submission, the working version, or a date."""

    old = forms.ChoiceField(label="Earlier version", required=False)
    old_date = DateField(
        label="Or the plan as it stood on a date", required=False, help_text="For example, 1/1/2024"
    )
    new = forms.ChoiceField(label="Later version", required=False)
    new_date = DateField(
        label="Or the plan as it stood on a date", required=False, help_text="For example, 1/9/2024"
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].choices = list(versions)


class SlippageFilterForm(forms.Form):
    plan = forms.ChoiceField(label="Plan", required=False)
    owner = forms.ChoiceField(label="Responsible owner", required=False)
    addressee = forms.ChoiceField(label="Addressee", required=False)

    def __init__(self, *args, plans=(), owners=(), addressees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "All plans"), *plans]
        self.fields["owner"].choices = [("", "All owners"), *((o, o) for o in owners)]
        self.fields["addressee"].choices = [("", "All addressees"), *((a, a) for a in addressees)]
