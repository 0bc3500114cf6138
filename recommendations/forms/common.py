"""What the plan's forms share: the change reason, the version token, rich-text and
status fields, and the owner fields."""

import re

from django import forms

from ..models import Status

CHANGE_REASON_HELP = "Say why you are making this change. Reviewers see it in the history."
# The longest cell of a published plan is a few thousand characters; a limit well above
# that keeps pages, diffs and PDFs fast and tells whoever pastes a whole document.
TEXT_LIMIT = 20_000
TEXT_TOO_LONG = "Shorten this text to 20,000 characters or fewer (it has %(show_value)d)"
RICH_TEXT_HELP = "Leave a blank line between paragraphs. Start a line with “- ” for a bullet point."


def long_text(**kwargs) -> forms.CharField:
    """A rich-text field with the length limit and its GOV.UK-worded error."""
    kwargs.setdefault("max_length", TEXT_LIMIT)
    field = forms.CharField(**kwargs)
    field.error_messages["max_length"] = TEXT_TOO_LONG
    return field


def rich_text(label: str, *, rows: int, required: bool = True, **kwargs) -> forms.CharField:
    """A paragraphs-and-bullets text box, with the hint that says how to write them."""
    kwargs.setdefault("help_text", RICH_TEXT_HELP)
    return long_text(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def status_choice(*, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


def one_line(label: str, *, max_length: int, width: str = "", **kwargs) -> forms.CharField:
    """A one-line text input, `width` a GOV.UK width class ("govuk-input--width-20")."""
    widget = forms.TextInput(attrs={"class": width or "govuk-input"})
    return forms.CharField(label=label, max_length=max_length, widget=widget, **kwargs)


def target_date(*, help_text: str, required: bool = True, **kwargs) -> forms.CharField:
    """A target date as it will be published: words, with the month read from them."""
    return one_line(
        "Target date",
        max_length=100,
        width="govuk-input--width-20",
        required=required,
        help_text=help_text,
        **kwargs,
    )


class ChangeReasonMixin(forms.Form):
    change_reason = one_line(
        "Reason for change", max_length=500, required=False, help_text=CHANGE_REASON_HELP
    )


class VersionMixin(forms.Form):
    """The version of the record the form was loaded from, to refuse lost updates."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


# The submit button that asks for one more owner box (the GOV.UK "add another" pattern,
# working without JavaScript): the form comes back with everything typed kept, unsaved.
ADD_OWNER = "add_owner"
OWNER_FIELD = re.compile(r"^owner_(\d{1,4})$")
# More boxes than any cell names, so that a crafted request cannot make thousands.
MAX_OWNERS = 200


class OwnersMixin(forms.Form):
    """As many owner roles as the cell names, each chosen from existing owners or typed.

    Unbound, the form has a box per name given and one empty box; bound, a box per
    `owner_<n>` in the data, in the order of n (numbers need not run on: a box left out
    or added by script keeps its place). The "Add another owner" button (ADD_OWNER)
    shows the form again, unbound, with the names typed and one empty box more.
    """

    template_name = "recommendations/includes/owners_form.html"

    def __init__(self, *args, owner_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            numbers = sorted(
                {int(m[1]) for key in self.data if (m := OWNER_FIELD.match(self._unprefixed(key)))}
            )
        else:
            numbers = list(range(1, len(list(owner_names)) + 2))
        numbers = numbers or [1]
        for position, number in enumerate(numbers[:MAX_OWNERS]):
            self.fields[f"owner_{number}"] = self._owner_field(position)
        for name, owner in zip(self.owner_field_names(), owner_names, strict=False):
            self.initial.setdefault(name, owner)

    def _unprefixed(self, key: str) -> str:
        """A data key without this form's prefix."""
        prefix = f"{self.prefix}-" if self.prefix else ""
        return key.removeprefix(prefix)

    @staticmethod
    def _owner_field(position: int) -> forms.CharField:
        return forms.CharField(
            label=f"Responsible owner {position + 1}" if position else "Responsible owner",
            required=position == 0,
            max_length=255,
            help_text="Start typing to choose an existing role, or enter a new one"
            if position == 0
            else "",
            widget=forms.TextInput(attrs={"list": "owner-names", "autocomplete": "off"}),
            error_messages={"required": "Enter the responsible owner"},
        )

    def owner_field_names(self) -> list[str]:
        return [name for name in self.fields if OWNER_FIELD.match(name)]

    def owner_fields(self):
        """The owner boxes as bound fields, for the template's "add another" group."""
        return [self[name] for name in self.owner_field_names()]

    def other_fields(self):
        """Every visible field but the owner boxes, in order, with the owners' place."""
        first = self.owner_field_names()[0]
        return [
            field
            for field in self.visible_fields()
            if field.name == first or not OWNER_FIELD.match(field.name)
        ]

    def raw_values(self) -> dict:
        """What was typed in each field, as initial values for the form shown again."""
        return {
            name: field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            for name, field in self.fields.items()
        }

    def owner_names(self) -> list[str]:
        """The names as typed, in order; the service resolves them to roles."""
        return [self.cleaned_data.get(name) or "" for name in self.owner_field_names()]
