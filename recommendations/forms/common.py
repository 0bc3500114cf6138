"""What the plan's forms share: the change reason, the version token, rich-text and
status fields, and the owner fields."""

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


OWNER_SLOTS = 3


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
        """The names as typed, in order; the service resolves them to roles."""
        return [self.cleaned_data.get(f"owner_{i + 1}") or "" for i in range(OWNER_SLOTS)]
