"""The words of the published layout, read as the tracker's vocabulary.

Column headings, agreement terms (the current ones and the older Accepted / Partly
accepted / Rejected), status words, reason categories and milestone labels vary from
plan to plan; each is recognised here by its words, never by where it stands.
"""

import re

from ...models import Agreement, MilestoneKind, ReasonCategory, Status
from ...text import single_spaced

REF, RECOMMENDATION, AGREEMENT, RESPONSE, OWNER, TARGET = (
    "ref",
    "recommendation",
    "agreement",
    "response",
    "owner",
    "target",
)
COLUMNS = (REF, RECOMMENDATION, AGREEMENT, RESPONSE, OWNER, TARGET)
COLUMN_NAMES = {
    REF: "Rec No",
    RECOMMENDATION: "Recommendation",
    AGREEMENT: "Agreed/ Partly Agreed/ Not Agreed",
    RESPONSE: "Response Action Taken/Planned",
    OWNER: "Responsible Owner",
    TARGET: "Target Date",
}

_LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")


def heading_name(text: str) -> str:
    """A column heading as shown in messages: "1. Rec No" is column 'Rec No'."""
    return single_spaced(_LEADING_NUMBER.sub("", text))


def column_of(heading: str) -> str | None:
    """Which of the six columns a heading names, by its words."""
    words = re.sub(r"[^a-z0-9]+", " ", heading_name(heading).lower()).strip()
    if re.search(r"\b(agreed|agree|accepted|accept|rejected)\b", words):
        return AGREEMENT
    if words.startswith("response") or re.search(r"\baction(s)? (taken|planned)\b", words):
        return RESPONSE
    if re.search(r"\b(owner|owners|responsible|lead)\b", words):
        return OWNER
    if re.search(r"\b(target|date|dates|timescale|timescales|deadline)\b", words):
        return TARGET
    if re.fullmatch(
        r"(rec|recs|recommendation)( (no|nos|number|ref|reference))|ref|reference|no", words
    ):
        return REF
    if re.fullmatch(r"recommendations?( text)?", words):
        return RECOMMENDATION
    return None


# Agreement terms: today's three, and the older ones, which read as today's (with a note).
_TERMS = {
    "agreed": Agreement.AGREED,
    "partly agreed": Agreement.PARTLY_AGREED,
    "partially agreed": Agreement.PARTLY_AGREED,
    "not agreed": Agreement.NOT_AGREED,
    "disagreed": Agreement.NOT_AGREED,
}
_OLDER_TERMS = {
    "accepted": Agreement.AGREED,
    "partly accepted": Agreement.PARTLY_AGREED,
    "partially accepted": Agreement.PARTLY_AGREED,
    "rejected": Agreement.NOT_AGREED,
    "not accepted": Agreement.NOT_AGREED,
}


def agreement_of(text: str) -> tuple[str | None, bool]:
    """(agreement value, whether an older term was used) for a cell's first words."""
    words = re.sub(r"[^a-z ]+", " ", single_spaced(text).lower())
    words = single_spaced(words)
    if words in _TERMS:
        return _TERMS[words], False
    if words in _OLDER_TERMS:
        return _OLDER_TERMS[words], True
    return None, False


_REASON_WORDS = "|".join(r.value for r in ReasonCategory)
_REASONS_PHRASE = re.compile(
    rf"\b((?:{_REASON_WORDS})(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?:{_REASON_WORDS}))*)\s+reasons?\b",
    re.IGNORECASE,
)
_REASONS_LINE = re.compile(r"^\s*reasons?\s*:\s*(.+)$", re.IGNORECASE)


def reasons_named(text: str) -> list[str]:
    """The reason categories a text names as reasons ("for operational reasons"), in the
    categorisation table's order. A category word used otherwise ("the policy") is not one."""
    found = set()
    for match in _REASONS_PHRASE.finditer(text or ""):
        found |= {word.lower() for word in re.findall(_REASON_WORDS, match.group(1), re.I)}
    return [r.value for r in ReasonCategory if r.value in found]


def reasons_line(text: str) -> list[str] | None:
    """The categories of a "Reasons: operational, policy" line, or None for another line."""
    match = _REASONS_LINE.match(text)
    if not match:
        return None
    words = {w.lower() for w in re.findall(_REASON_WORDS, match.group(1), re.I)}
    return [r.value for r in ReasonCategory if r.value in words]


# Longest first, so that "Completed and ongoing" wins over "Completed".
_STATUSES = sorted(Status, key=lambda s: len(s.label), reverse=True)


def status_named(text: str) -> str | None:
    """The status a target's words start with ("Completed November 2024"), if any."""
    lowered = single_spaced(text).lower()
    for status in _STATUSES:
        label = status.label.lower()
        if lowered == label or lowered.startswith(label + " "):
            return status.value
    return None


def status_of_label(text: str) -> str | None:
    """The status a "Status: …" line names exactly."""
    lowered = single_spaced(text).lower()
    return next((s.value for s in Status if s.label.lower() == lowered), None)


def milestone_kind(label: str) -> str:
    words = label.lower()
    if "report" in words and "published" in words:
        return MilestoneKind.REPORT_PUBLISHED
    if "submitted" in words or "submission" in words:
        if re.search(r"\b(update|progress)\b", words):
            return MilestoneKind.PROGRESS_UPDATE_SUBMITTED
        if re.search(r"\b(updated|revised)\b", words):
            return MilestoneKind.UPDATED_PLAN_SUBMITTED
        return MilestoneKind.PLAN_SUBMITTED
    return MilestoneKind.OTHER


# Why a target moved, as progress entries say it: "The delay is due to internal
# resourcing pressures", "Significant resourcing pressures have delayed progress".
# "due to be completed" is a schedule, not a reason.
_REASON_CUES = [
    re.compile(r"\b(?:due to|owing to|because of|as a result of)\s+(?!be\b)([^.,;:]+)", re.I),
    re.compile(r"(?:^|[.;]\s+)([A-Z][^.;:]*?)\s+(?:has|have)\s+(?:delayed|slowed)\b"),
    re.compile(r"\bdelayed by\s+([^.,;:]+)", re.I),
]


def revision_reason_in(text: str) -> str:
    """The reason a progress entry's words give for a changed date, or ""."""
    for cue in _REASON_CUES:
        if match := cue.search(text or ""):
            return single_spaced(match.group(1))
    return ""
