"""The plan as a Word document (.docx), in the published layout, for departments that
still circulate Word.

`to_docx(data)` takes the plan data (the shape of fixtures/*.yaml) and lays it out as
the published plans are: front matter, introduction, categorisation table, the
six-column action plan table with its merged heading and progress rows, and the
summary computed from the data. Where the published layout leaves something to the
reader's judgement, the export says it outright, in the forms the Word reader
understands, so that reading the export back gives the same plan:
- the rationale, the response's lead-in and its closing text each have a row of
  their own, with no owner or date; each action has its own row;
- a status the date's words do not give is written under it ("Status: Delayed");
- a revised target says what it revises and why ("(revised from June 2024: …)").
For accessibility the header rows repeat on each page and are marked as headers,
lists are real Word lists, and the document has a title and its language set.
"""

import datetime
import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from ..models import Agreement, ReasonCategory, Status
from ..summary import Summary, numbering_gaps
from ..targets import parse_month
from .layout import COLUMNS, gaps_statement

HEADINGS = [
    "Rec No",
    "Recommendation",
    "Agreed/ Partly Agreed/ Not Agreed",
    "Response Action Taken/Planned",
    "Responsible Owner",
    "Target Date",
]
_TEXT_WIDTH_MM = 267  # A4 landscape less two 15mm margins
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
# Longest first, so that "Completed and ongoing" wins over "Completed".
_STATUSES = sorted(Status, key=lambda s: len(s.label), reverse=True)


def to_docx(data: dict) -> bytes:
    """The plan data as a .docx file, in the published layout."""
    document = docx.Document()
    _set_up(document, data)
    _front_matter(document, data)
    _plan_table(document, data)
    _summary(document, data)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document, data: dict) -> None:
    report_title = (data.get("report") or {}).get("title", "")
    properties = document.core_properties
    properties.title = f"A Response to: {report_title}"
    properties.subject = data.get("title", "")
    properties.author = " and ".join(b.get("name", "") for b in data.get("bodies") or [])
    properties.language = "en-GB"
    # The language every run inherits, which screen readers use to pronounce the text.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-GB")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(11)


def _paragraph(container, text: str, style=None, bold=False):
    """A paragraph whose line breaks stay line breaks."""
    paragraph = container.add_paragraph(style=style)
    _runs(paragraph, text, bold)
    return paragraph


def _runs(paragraph, text: str, bold=False) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if i < len(lines) - 1:
            run.add_break()


def _blocks(source: str) -> list[tuple[str, str]]:
    """Rich text as (kind, text) blocks: paragraphs, bullet and numbered list items."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", (source or "").strip()):
        in_list = False
        for line in chunk.split("\n"):
            if match := _BULLET.match(line):
                blocks.append(("bullet", match.group(1)))
                in_list = True
            elif match := _NUMBERED.match(line):
                blocks.append(("number", match.group(1)))
                in_list = True
            elif blocks and (in_list or blocks[-1][0] == "para") and line.strip():
                kind, text = blocks[-1]
                blocks[-1] = (kind, f"{text}\n{line}")  # a line running on
            elif line.strip():
                blocks.append(("para", line))
        # Each chunk starts afresh: a paragraph after a blank line is a new paragraph.
        blocks.append(("end", ""))
    return [b for b in blocks if b[0] != "end"]


def _rich(container, source: str, first=None) -> None:
    """Rich text into a cell or the body; `first` is a cell's own first paragraph."""
    styles = {"bullet": "List Bullet", "number": "List Number", "para": None}
    for kind, text in _blocks(source):
        if first is not None:
            paragraph, first = first, None
            if styles[kind]:
                paragraph.style = styles[kind]
            _runs(paragraph, text)
        else:
            _paragraph(container, text, styles[kind])


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _front_matter(document, data: dict) -> None:
    for body in data.get("bodies") or []:
        short = body.get("short_name")
        _paragraph(document, f"{body['name']} ({short})" if short else body["name"], bold=True)
    report = data.get("report") or {}
    document.add_heading(f"A Response to: {report.get('title', '')}", level=1)
    if report.get("inspection_period"):
        _paragraph(document, f"Inspection period: {report['inspection_period']}")
    for chunk in re.split(r"\n[ \t]*\n", data.get("caveat") or ""):
        if chunk.strip():
            _paragraph(document, chunk.strip(), bold=True)
    for milestone in data.get("milestones") or []:
        _paragraph(document, f"{milestone['label']}: {_date(milestone['date']):%d %B %Y}")
        for chunk in re.split(r"\n[ \t]*\n", milestone.get("change_note") or ""):
            if chunk.strip():
                _paragraph(document, chunk.strip())
    document.add_heading("Introduction", level=2)
    _rich(document, data.get("introduction", ""))
    terms = data.get("categorisation") or []
    if terms:
        table = _table(document, ["Term", "Definition", "Additional comment"], [14, 43, 43])
        _caption(table, "Categorisation", "What Agreed, Partly Agreed and Not Agreed mean")
        for term in terms:
            cells = _new_row(table, [1, 1, 1])
            cells[0].paragraphs[0].add_run(Agreement(term["term"]).label).bold = True
            _rich(cells[1], term.get("definition", ""), cells[1].paragraphs[0])
            _rich(cells[2], term.get("comment", ""), cells[2].paragraphs[0])


def _table(document, headings: list[str], widths: list[int]):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    # The heading row repeats on every page and is read as the table's header.
    twips = [int(_TEXT_WIDTH_MM * w / 100 * 1440 / 25.4) for w in widths]
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, twips, strict=True):
        grid_column.w = width * 635  # twentieths of a point, in EMU
    table._tbl.remove(header._tr)
    row = _new_row(table, [1] * len(headings))
    row[0]._tc.getparent().insert(0, _element("w:trPr", [_element("w:tblHeader")]))
    for cell, heading in zip(row, headings, strict=True):
        cell.paragraphs[0].add_run(heading).bold = True
    return table


def _element(tag: str, children=(), **attributes):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    for child in children:
        element.append(child)
    return element


def _new_row(table, spans: list[int]) -> list[_Cell]:
    """A row of cells spanning these numbers of grid columns, written directly (python-docx's
    own row and merge calls search the whole table each time: slow on a long plan)."""
    widths = [column.w // 635 for column in table._tbl.tblGrid.gridCol_lst]
    tr = _element("w:tr")
    cells, column = [], 0
    for span in spans:
        properties = [_element("w:tcW", w=sum(widths[column : column + span]), type="dxa")]
        if span > 1:
            properties.append(_element("w:gridSpan", val=span))
        tc = _element("w:tc", [_element("w:tcPr", properties), _element("w:p")])
        tr.append(tc)
        cells.append(_Cell(tc, table))
        column += span
    table._tbl.append(tr)
    return cells


def _caption(table, caption: str, description: str) -> None:
    tblpr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tblpr.append(element)


def _merged_row(table, text: str) -> None:
    (cell,) = _new_row(table, [len(HEADINGS)])
    cell.paragraphs[0].add_run(text).bold = True


def _merge_down(rows, columns: range) -> None:
    """The recommendation's own cells run down through all its rows (vMerge)."""
    for index, cells in enumerate(rows):
        for column in columns:
            merge = _element("w:vMerge", val="restart") if index == 0 else _element("w:vMerge")
            cells[column]._tc.tcPr.append(merge)


def _status_named(text: str) -> str | None:
    lowered = " ".join((text or "").split()).lower()
    for status in _STATUSES:
        label = status.label.lower()
        if lowered == label or lowered.startswith(label + " "):
            return status.value
    return None


def _plan_table(document, data: dict) -> None:
    document.add_heading(f"Action plan: {data.get('title', '')}", level=2)
    table = _table(document, HEADINGS, list(COLUMNS.values()))
    _caption(table, "Action plan", "Each recommendation, its response, owners and target dates")
    round_order = [r["label"] for r in data.get("rounds") or []]
    for group in data.get("groups") or []:
        _merged_row(table, group["heading"])
        for rec in group.get("recommendations") or []:
            _recommendation_rows(table, rec)
            _progress_rows(table, rec, round_order)


def _recommendation_rows(table, rec: dict) -> None:
    rows = []

    def add_row(text: str = "", owners=(), target_lines=()):
        cells = _new_row(table, [1] * len(HEADINGS))
        _rich(cells[3], text, cells[3].paragraphs[0])
        _lines(cells[4], owners)
        _lines(cells[5], target_lines)
        rows.append(cells)

    agreed = rec.get("agreement", Agreement.AGREED) == Agreement.AGREED
    if rec.get("rationale") and not agreed:
        add_row(rec["rationale"])
    if rec.get("response"):
        add_row(rec["response"])
    for action in rec.get("actions") or []:
        add_row(action.get("text", ""), action.get("owners") or [], _action_target(action))
    if rec.get("response_after"):
        add_row(rec["response_after"])
    if not rows:
        add_row()
    first = rows[0]
    first[0].paragraphs[0].add_run(str(rec["reference"])).bold = True
    _rich(first[1], rec.get("text", ""), first[1].paragraphs[0])
    first[2].paragraphs[0].add_run(Agreement(rec.get("agreement", "agreed")).label)
    if rec.get("reasons"):
        labels = ", ".join(ReasonCategory(r).label.lower() for r in rec["reasons"])
        first[2].add_paragraph(f"Reasons: {labels}")
    if len(rows) > 1:
        _merge_down(rows, range(3))


def _lines(cell, lines) -> None:
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(line)


def _action_target(action: dict) -> list[str]:
    target = action.get("target", "")
    status = action.get("status", Status.IN_PROGRESS)
    lines = [str(target)]
    if status != (_status_named(str(target)) or Status.IN_PROGRESS):
        lines.append(f"Status: {Status(status).label}")
    return lines


def _progress_rows(table, rec: dict, round_order: list[str]) -> None:
    entries = rec.get("progress") or []
    rounds = sorted(
        dict.fromkeys(e["round"] for e in entries),
        key=lambda label: round_order.index(label) if label in round_order else len(round_order),
    )
    actions = rec.get("actions") or []
    for label in rounds:
        _merged_row(
            table, f"Progress against commitments – Recommendation {rec['reference']} ({label})"
        )
        for entry in (e for e in entries if e["round"] == label):
            # The recommendation's three columns are one empty cell beside a progress entry.
            _blank, *cells = _new_row(table, [3, 1, 1, 1])
            cells = [_blank, _blank, _blank, *cells]
            _rich(cells[3], entry.get("text", ""), cells[3].paragraphs[0])
            _lines(cells[4], entry.get("owners") or [])
            _lines(cells[5], _progress_target(entry, actions))


def _progress_target(entry: dict, actions: list[dict]) -> list[str]:
    """The date as written; what it revises and why; the status, where the words and
    the revision do not already give it (as the Word reader reads them)."""
    target = str(entry.get("target") or "")
    lines = [target] if target else []
    months = [parse_month(str(a.get("target", ""))) for a in actions]
    month = parse_month(target)
    revises = entry.get("revises_action")
    implied = _status_named(target)
    if revises and 1 <= revises <= len(actions):
        written = str(actions[revises - 1].get("target", ""))
        same = [i for i, a in enumerate(actions, 1) if str(a.get("target", "")) == written]
        which = "" if same[-1] == revises else f", action {revises}"
        lines.append(f"(revised from {written}{which}: {entry.get('revision_reason', '')})")
        original = months[revises - 1]
        slipped = month and original and month > original
        implied = implied or (Status.DELAYED if slipped else Status.IN_PROGRESS)
        looks_revised = False
    else:
        implied = implied or Status.IN_PROGRESS
        looks_revised = bool(month and month not in months and any(months))
    status = entry.get("status", Status.IN_PROGRESS)
    if status != implied or looks_revised:
        lines.append(f"Status: {Status(status).label}")
    return lines


def _summary(document, data: dict) -> None:
    recommendations = [r for g in data.get("groups") or [] for r in g.get("recommendations") or []]
    counts = dict.fromkeys(Agreement.values, 0)
    for rec in recommendations:
        counts[rec.get("agreement", Agreement.AGREED)] += 1
    summary = Summary(counts["agreed"], counts["partly_agreed"], counts["not_agreed"])
    document.add_heading("Summary", level=2)
    table = _table(document, ["Recommendations", "Number"], [30, 12])
    _caption(table, "Summary", "How many recommendations are agreed, partly agreed, not agreed")
    for label, number in (
        ("Agreed", summary.agreed),
        ("Partly Agreed", summary.partly_agreed),
        ("Not Agreed", summary.not_agreed),
        ("Total", summary.total),
    ):
        cells = _new_row(table, [1, 1])
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(str(number))
    if statement := gaps_statement(numbering_gaps([str(r["reference"]) for r in recommendations])):
        _paragraph(document, statement)
