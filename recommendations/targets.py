"""Target dates as departments write them, made comparable.

Plans give targets as months ("March 2024"), full dates ("26th August 2020"),
financial-year phrases ("by the end of 2023-24") or statuses ("Completed November
2024"). The words are kept for display; this module derives the month they point to,
for sorting and for deciding what is overdue. A phrase with no month in it (such as
"Completed") gives None: it is never guessed.
"""

import calendar
import datetime
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({_MONTH_NAMES})\.?\s+(\d{{4}})\b", re.IGNORECASE
)
# "2023-24", "2023/24", "2023/2024": a UK financial year, which ends in March.
_FINANCIAL_YEAR = re.compile(r"\b(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\b")
_END_OF_YEAR = re.compile(r"\bend\s+of\s+(\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-\d{2})?\b")


# Targets outside these years are typing mistakes, not dates (and year 0 is no date at all).
YEARS = range(1900, 2200)


def parse_month(text: str) -> datetime.date | None:
    """The first day of the month a target phrase points to, or None if it names none."""
    month = _parse(text)
    return month if month is None or month.year in YEARS else None


def _parse(text: str) -> datetime.date | None:
    if not text:
        return None
    if (match := _MONTH_YEAR.search(text)) and int(match.group(2)) in YEARS:
        return datetime.date(int(match.group(2)), _MONTHS[match.group(1).lower()], 1)
    if match := _ISO.search(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and year in YEARS:
            return datetime.date(year, month, 1)
    if match := _FINANCIAL_YEAR.search(text):
        start = int(match.group(1))
        end = match.group(2)
        end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if end_year == start + 1 and end_year in YEARS:
            return datetime.date(end_year, 3, 1)
    if (match := _END_OF_YEAR.search(text)) and int(match.group(1)) in YEARS:
        return datetime.date(int(match.group(1)), 12, 1)
    return None


def month_end(month: datetime.date) -> datetime.date:
    """The last day of the month: a target month is met if done by then."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from one target month to another (negative if brought forward)."""
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)


def format_month(month: datetime.date | None) -> str:
    return month.strftime("%B %Y") if month else ""
