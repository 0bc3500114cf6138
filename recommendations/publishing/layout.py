"""What the print template shows, computed from a snapshot: the action plan table row
by row, with an estimate of each row's height so that short rows are never split
across pages."""

import math
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from .. import richtext
from ..snapshots import ActionView, PlanView, ProgressView, RecommendationView

# Column widths of the action plan table (percent of the A4 landscape text width), shared
# with print.css, and roughly how many 12pt characters fit on one line of each.
COLUMNS = {"ref": 6, "rec": 22, "agreement": 10, "response": 38, "owner": 13, "target": 11}
_TEXT_WIDTH_MM = 267  # 297mm less two 15mm margins
_CHAR_MM = 2.2  # average advance of Liberation Sans at 12pt
_CELL_PADDING_MM = 4
# A row estimated taller than this many lines may break across pages. A row that must
# stay whole but is taller than a page makes WeasyPrint drop the repeated header on
# the pages it fills, and moving rows of half a page leaves pages half empty, so only
# rows under about 40% of a page (some 29 lines of table text) are kept whole.
KEEP_WHOLE_LINES = 12


def _chars_per_line(column: str) -> int:
    width = _TEXT_WIDTH_MM * COLUMNS[column] / 100 - _CELL_PADDING_MM
    return max(1, int(width / _CHAR_MM))


def _estimated_lines(column: str, *sources: str, plain: bool = False) -> float:
    per_line = _chars_per_line(column)
    blocks = []
    for source in sources:
        blocks += [source] if plain and source else richtext.plain_paragraphs(source)
    # Each block starts a new line; paragraph spacing adds about half a line.
    return sum(math.ceil(len(block) / per_line) + 0.5 for block in blocks)


def _rich(source: str) -> SafeString:
    # richtext.render's output is sanitised by nh3; the print template gets plain
    # paragraphs and lists, without the web pages' GOV.UK wrappers.
    return mark_safe(richtext.render(source))  # noqa: S308


@dataclass
class ActionRow:
    """One row per action: rationale and response open the first, response_after closes
    the last; a recommendation without actions yet still gets one row."""

    rec: RecommendationView
    rec_id: str
    rec_text: SafeString
    first: bool
    rowspan: int
    response: list[SafeString]
    owners: list[str]
    target: str
    keep: bool
    kind: str = "action"


@dataclass
class ProgressHeadingRow:
    label: str
    html_id: str
    rec_id: str
    kind: str = "progress-heading"


@dataclass
class ProgressRow:
    text: SafeString
    owners: list[str]
    target: list[str]
    rec_id: str
    heading_id: str
    keep: bool
    kind: str = "progress"


@dataclass
class PrintGroup:
    heading: str
    html_id: str
    rows: list = field(default_factory=list)


def progress_target(update: ProgressView) -> list[str]:
    """The Target Date cell of a progress entry, line by line: the date as written; the
    date it revises and why; the status, unless the words already say it ("Completed")."""
    lines = [update.target_text] if update.target_text else []
    if update.target_text and update.revises_action_id and update.revised_from:
        reason = f": {update.revision_reason}" if update.revision_reason else ""
        lines.append(f"(revised from {update.revised_from}{reason})")
    status = update.status_label
    if not update.target_text.lower().startswith(status.lower()):
        lines.append(status)
    return lines


def _action_rows(rec: RecommendationView, rec_id: str) -> list[ActionRow]:
    actions: list[ActionView | None] = rec.rows
    rows = []
    for index, action in enumerate(actions):
        first, last = index == 0, index == len(actions) - 1
        sources = ([rec.rationale, rec.response] if first else []) + [action.text if action else ""]
        sources += [rec.response_after] if last else []
        owners = action.owners if action else []
        lines = [
            _estimated_lines("response", *sources),
            _estimated_lines("owner", *owners, plain=True),
        ]
        if first:
            # The recommendation's own cells span the rows of all its actions.
            lines += [_estimated_lines("rec", rec.text), 1 + len(rec.reasons)]
        rows.append(
            ActionRow(
                rec=rec,
                rec_id=rec_id,
                rec_text=_rich(rec.text) if first else SafeString(),
                first=first,
                rowspan=len(actions),
                response=[_rich(s) for s in sources if s],
                owners=owners,
                target=action.target_text if action else "",
                keep=max(lines) <= KEEP_WHOLE_LINES,
            )
        )
    return rows


def _progress_rows(rec: RecommendationView, rec_id: str) -> list:
    rows: list = []
    for number, round_progress in enumerate(rec.progress, start=1):
        heading_id = f"{rec_id}-p{number}"
        rows.append(
            ProgressHeadingRow(
                label=(
                    f"Progress against commitments – Recommendation {rec.reference} "
                    f"({round_progress.round.label})"
                ),
                html_id=heading_id,
                rec_id=rec_id,
            )
        )
        for update in round_progress.updates:
            lines = max(
                _estimated_lines("response", update.text),
                _estimated_lines("owner", *update.owners, plain=True),
            )
            rows.append(
                ProgressRow(
                    text=_rich(update.text),
                    owners=update.owners,
                    target=progress_target(update),
                    rec_id=rec_id,
                    heading_id=heading_id,
                    keep=lines <= KEEP_WHOLE_LINES,
                )
            )
    return rows


def print_groups(view: PlanView) -> list[PrintGroup]:
    """The action plan table, row by row, in the plan's order."""
    groups = []
    rec_number = 0
    for group_number, group in enumerate(view.groups, start=1):
        printed = PrintGroup(heading=group.heading, html_id=f"g{group_number}")
        for rec in group.recommendations:
            rec_number += 1
            rec_id = f"r{rec_number}"
            printed.rows += _action_rows(rec, rec_id) + _progress_rows(rec, rec_id)
        groups.append(printed)
    return groups


def gaps_statement(gaps: list[str]) -> str:
    """ "Recommendation 13 is not in this plan." Stated plainly, never filled in."""
    if not gaps:
        return ""
    if len(gaps) == 1:
        return f"Recommendation {gaps[0]} is not in this plan."
    return f"Recommendations {', '.join(gaps[:-1])} and {gaps[-1]} are not in this plan."


def publication_context(view: PlanView) -> dict:
    bodies = [body.name for body in view.bodies]
    return {
        "plan": view,
        "document_title": f"A Response to: {view.report_title}",
        "author": " and ".join(bodies),
        "groups": print_groups(view),
        "introduction": _rich(view.introduction),
        "categorisation": [
            {"label": t.label, "definition": _rich(t.definition), "comment": _rich(t.comment)}
            for t in view.categorisation
        ],
        "summary": view.summary,
        "gaps": gaps_statement(view.gaps),
    }
