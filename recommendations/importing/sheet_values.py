"""Reading one spreadsheet cell as what the template says it holds.

Cells come as text, numbers or dates (a spreadsheet turns "March 2024" typed in a cell
into a date of its own accord). Each helper here gives the plan-data value, or raises
`CellProblem` with a message a person can act on; the caller says where the cell is.
"""

import calendar
import datetime
import re

from django.db import models

from .. import targets

# Exported text that would start a formula carries one leading apostrophe (see
# publishing.spreadsheet); so does text that began with one, so one always comes off.
NEUTRALISED = "'"


class CellProblem(ValueError):
    """A cell does not hold what its column needs; the message says what is wrong."""


def where(sheet: str, row: int, column: str = "") -> str:
    """Where a cell is, as a person finds it: "Sheet 'Action plan', row 14, column 'Target'"."""
    parts = [sheet, f"row {row}"] + ([f"column '{column}'"] if column else [])
    found = ", ".join(part for part in parts if part)
    return found[0].upper() + found[1:]


def key(text) -> str:
    """A heading, field or choice compared loosely: case, spaces and punctuation aside."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").casefold())


def text(value) -> str:
    """A cell as the text it shows, the export's neutralising apostrophe taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        # A month typed in a cell becomes its first day: read it back as the month.
        return value.strftime("%B %Y") if value.day == 1 else f"{value.day} {value:%B %Y}"
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value[1:] if value.startswith(NEUTRALISED) else value


def line(value) -> str:
    """A one-line cell (a reference, a target, a name), without space at either end."""
    return text(value).strip()


def names(value) -> list[str]:
    """Owners or reasons: one per line (semicolons also separate them)."""
    return [part.strip() for part in re.split(r"[\n;]", text(value)) if part.strip()]


def choice(choices: type[models.TextChoices], value, what: str) -> str:
    """The stored value of a choice written as its label ("Partly Agreed") or its value."""
    found = {key(c.label): c.value for c in choices} | {key(c.value): c.value for c in choices}
    written = line(value)
    if key(written) in found:
        return found[key(written)]
    allowed = ", ".join(c.label for c in choices)
    if not written:
        raise CellProblem(f"{what} is missing: write one of {allowed}")
    raise CellProblem(f"'{written}' is not {what.lower()}: write one of {allowed}")


def number(value) -> int | None:
    """A whole number (an action number), or None for an empty cell."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value > 0:
            return int(value)
    written = line(value)
    if not written:
        return None
    if written.isdigit() and int(written) > 0:
        return int(written)
    raise CellProblem(f"'{written}' is not a number")


_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)


def date(value) -> datetime.date:
    """A day: a date cell, or text such as 2023-07-20, 20 July 2023 or 20/07/2023."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = line(value)
    cleaned = _ORDINAL.sub(r"\1", written)
    for parse in (
        datetime.date.fromisoformat,
        lambda t: datetime.datetime.strptime(t, "%d %B %Y").date(),
        lambda t: datetime.datetime.strptime(t, "%d %b %Y").date(),
        lambda t: datetime.datetime.strptime(t, "%d/%m/%Y").date(),
    ):
        try:
            return parse(cleaned)
        except ValueError:
            continue
    if not written:
        raise CellProblem("the date is missing: write it as 2023-07-20 or 20 July 2023")
    raise CellProblem(f"'{written}' is not a date: write it as 2023-07-20 or 20 July 2023")


def month(value) -> str:
    """A round's month as YYYY-MM: from a date cell, 2024-07 or July 2024."""
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m")
    written = line(value)
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", written) or re.fullmatch(
        r"[A-Za-z]+\.?\s+\d{4}", written
    ):
        found = targets.parse_month(written)
        if found:
            return found.strftime("%Y-%m")
    if not written:
        raise CellProblem("the month is missing: write it as 2024-07 or July 2024")
    raise CellProblem(f"'{written}' is not a month: write it as 2024-07 or July 2024")


# "May" is left out: "Completed (may be reviewed)" is no attempt at a date.
_MONTH_WORDS = {
    m.lower() for m in list(calendar.month_name)[1:] + list(calendar.month_abbr)[1:]
} - {"may"}
_YEAR = re.compile(r"\b(1[89]|2[0-9])\d{2}\b")


def target(value, *, needs_month: bool = False) -> str:
    """A target as written, checked: a phrase that tries to give a date must give one.

    A target may name no month at all ("Completed", "Ongoing"). One that has a year or a
    month's name in it is meant as a date, so it must be one targets.parse_month reads
    ("March 2024", "by the end of 2023-24"); "Sumer 2024" is a mistake worth stopping.
    """
    written = line(value)
    if targets.parse_month(written):
        return written
    if needs_month:
        raise CellProblem(
            f"'{written}' names no month: a progress entry that revises an action's "
            "target must give the new month, such as October 2024"
            if written
            else "the new target is missing: give the month, such as October 2024"
        )
    words = set(re.findall(r"[a-z]+", written.lower()))
    if _YEAR.search(written) or words & _MONTH_WORDS:
        raise CellProblem(f"'{written}' is neither a month nor a financial year")
    return written
