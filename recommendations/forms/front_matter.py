"""Forms of the front matter: the report, the plan's title and texts, its bodies, its
milestones, its categorisation table, its headings; and the responding bodies."""

from django import forms

from ..models import Milestone, ResponsibleBody
from .common import ChangeReasonMixin, VersionMixin, long_text, one_line, rich_text
from .editing import GroupForm, date_question

BODY_SLOTS = 4


def plain_text(label: str, *, rows: int, **kwargs) -> forms.CharField:
    return long_text(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class EditForm(VersionMixin, ChangeReasonMixin):
    """An edit of a record's `fields_saved`, with the version it was loaded from."""

    fields_saved: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.field_order = [*cls.fields_saved, "change_reason"]

    def saved_data(self) -> dict:
        """What the update service takes, under the record's own field names."""
        return {name: self.cleaned_data[name] for name in self.fields_saved}


class ReportForm(EditForm):
    title = plain_text(
        "Inspection report title",
        rows=3,
        error_messages={"required": "Enter the title of the inspection report"},
    )
    published_on = date_question(
        "Date the report was published", "the date the report was published", "20 7 2023", False
    )
    inspection_period = one_line(
        "Inspection period",
        max_length=200,
        required=False,
        help_text="As the report writes it, for example “23 April – 3 May 2019”",
    )
    fields_saved = ("title", "published_on", "inspection_period")


class PlanTextForm(EditForm):
    title = plain_text(
        "Title of the action plan",
        rows=3,
        help_text="The heading of the action plan table, usually the report's title",
        error_messages={"required": "Enter the title of the action plan"},
    )
    caveat = rich_text(
        "Caveat", rows=3, required=False, help_text="An opening caveat, if the plan has one."
    )
    introduction = rich_text("Introduction", rows=10, required=False)
    fields_saved = ("title", "caveat", "introduction")


class PlanBodiesForm(VersionMixin, ChangeReasonMixin):
    """The responding bodies in the order they head the plan, each chosen from a list."""

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {str(body.pk): body for body in bodies}
        choices = [("", "None")] + [(pk, body.name) for pk, body in self.bodies.items()]
        for i in range(BODY_SLOTS):
            self.fields[f"body_{i + 1}"] = forms.ChoiceField(
                label=f"Responding body {i + 1}",
                choices=choices,
                required=i == 0,
                help_text="The body named first heads the plan" if i == 0 else "",
                error_messages={"required": "Select at least one responding body"},
            )
        self.order_fields([f"body_{i + 1}" for i in range(BODY_SLOTS)] + ["change_reason"])

    def clean(self):
        data = super().clean()
        seen = set()
        for i in range(BODY_SLOTS):
            name = f"body_{i + 1}"
            value = data.get(name)
            if value and value in seen:
                self.add_error(name, "Select each responding body once")
            seen.add(value)
        return data

    def chosen_bodies(self) -> list[ResponsibleBody]:
        values = [self.cleaned_data.get(f"body_{i + 1}") for i in range(BODY_SLOTS)]
        return [self.bodies[value] for value in values if value]


class MilestoneForm(EditForm):
    kind = forms.ChoiceField(
        label="What kind of milestone is it?",
        choices=[
            (kind, label)
            for kind, label in Milestone.Kind.choices
            if kind not in Milestone.SUBMISSION_KINDS
        ],
        widget=forms.RadioSelect,
        help_text="Submissions to the inspectorate are recorded when the plan is submitted.",
        error_messages={"required": "Select what kind of milestone it is"},
    )
    label = one_line(
        "Milestone as published",
        max_length=200,
        help_text="For example “Report Published”",
        error_messages={"required": "Enter the milestone as it will be published"},
    )
    date = date_question("Date", "the date of the milestone", "20 7 2023")
    fields_saved = ("kind", "label", "date")


class CategorisationTermForm(EditForm):
    definition = plain_text(
        "Definition",
        rows=4,
        help_text="Shown beside this choice when an editor says whether a recommendation is "
        "agreed.",
        error_messages={"required": "Enter the definition of the term"},
    )
    comment = plain_text("Additional comment", rows=5, required=False)
    fields_saved = ("definition", "comment")


class GroupEditForm(VersionMixin, GroupForm):
    pass


class BodyForm(EditForm):
    name = one_line(
        "Name",
        max_length=200,
        help_text="In full, for example “HM Prison & Probation Service”",
        error_messages={"required": "Enter the name of the responding body"},
    )
    short_name = one_line(
        "Short name",
        max_length=50,
        width="govuk-input--width-10",
        required=False,
        help_text="For example HMPPS",
    )
    logo_alt = one_line(
        "Alternative text for the logo",
        max_length=200,
        required=False,
        help_text="What the logo says, for readers who cannot see it. Leave blank to use the name.",
    )
    fields_saved = ("name", "short_name", "logo_alt")
