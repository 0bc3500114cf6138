"""Form fields with GOV.UK patterns and messages: the date input, and id choices."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from .forms import DATE_PARTS


class GovUKDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (<name>_day, _month, _year)."""

    use_fieldset = True

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput({"inputmode": "numeric"}) for part in DATE_PARTS}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovUKDateField(forms.DateField):
    """A date typed as day, month and year, with GOV.UK's error messages.

    Give field-specific messages through error_messages, for example
    ``{"required": "Enter the date of the update", "incomplete": "The date of the update
    must include a %(missing)s", "invalid": "The date of the update must be a real date"}``.
    """

    widget = GovUKDateInput
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "The date must include a %(missing)s",
        "invalid": "The date must be a real date",
    }

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, (list, tuple)):
            return super().to_python(value)
        parts = [str(part or "").strip() for part in value]
        if not any(parts):
            return None
        missing = [name for name, part in zip(DATE_PARTS, parts, strict=True) if not part]
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": " and ".join(missing)},
            )
        day, month, year = parts
        # ASCII digits only ("٩" is a digit to isdigit()), at most two for day and month.
        if not (
            re.fullmatch(r"[0-9]{1,2}", day)
            and re.fullmatch(r"[0-9]{1,2}", month)
            and re.fullmatch(r"[0-9]{4}", year)
        ):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


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
