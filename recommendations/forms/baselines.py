"""Forms for targets once a plan has been submitted, and for changing a progress entry."""

from .common import ChangeReasonMixin, VersionMixin, one_line, rich_text, target_date
from .editing import ProgressUpdateForm

ROUND_HELP = (
    "The month and year of the round, for example July 2025. A new round is added if it "
    "does not exist yet."
)


class TargetRevisionForm(ChangeReasonMixin):
    """A new target for an action of a submitted plan, with the reason it moved."""

    target_text = target_date(
        help_text="As it will be published, for example January 2025",
        error_messages={"required": "Enter the revised target date, such as January 2025"},
    )
    revision_reason = rich_text(
        "Reason the target date has changed",
        rows=4,
        help_text="Reviewers and the published plan show this beside the new date.",
        error_messages={"required": "Enter the reason the target date has changed"},
    )
    round = one_line(
        "Reporting round",
        max_length=50,
        width="govuk-input--width-10",
        help_text=ROUND_HELP,
        error_messages={"required": "Enter the reporting round, such as July 2025"},
    )
    field_order = ["target_text", "revision_reason", "round", "change_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].widget.attrs["list"] = "round-labels"

    def revision_data(self) -> dict:
        """What services.action_target_revise takes from this form, under its names."""
        data = self.cleaned_data
        return {
            "target_text": data["target_text"],
            "reason": data["revision_reason"],
            "round_label": data["round"],
            "change_reason": data["change_reason"],
        }


class BaselineCorrectionForm(VersionMixin):
    """An administrator's correction of a baseline typed wrongly: the reason is required."""

    target_text = target_date(
        help_text="The target date the submitted plan should have said, for example March 2024",
        error_messages={"required": "Enter the correct target date, such as March 2024"},
    )
    baseline_correction_reason = rich_text(
        "Why the baseline was wrong",
        rows=3,
        help_text="Kept on the action and in its history: say what was typed wrongly.",
        error_messages={"required": "Enter why the baseline target date was wrong"},
    )


class ProgressEditForm(VersionMixin, ProgressUpdateForm):
    """A progress entry changed: everything but its round (a new round is a new entry)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["round"]

    def progress_changes(self) -> dict:
        """What services.progress_update_update takes from this form as `data`."""
        data = self.cleaned_data
        names = ("text", "status", "target_text", "revision_reason")
        return {
            **{name: data[name] for name in names},
            "revises_action_id": data["revises_action"],
        }
