"""A plan as a spreadsheet to edit and import again: .xlsx, .ods and .csv, one template.

The template (docs/spreadsheet-template.md) has two tables. "Action plan" has one row
per action or progress entry, with the recommendation's own columns filled on its first
row only, as the published plan merges them. "About the plan" has one Field / Value row
per piece of front matter: titles, report, responding bodies, milestones, the
categorisation table and the reporting rounds. A workbook (.xlsx, .ods) holds them as
two sheets; a CSV file, which has one sheet, holds the action plan table, a blank row,
then the about table, each under its own heading row.

Every exporter starts from the plan data (`snapshots.plan_data_from_snapshot`), the shape
`importing.spreadsheet` reads back, so export then import gives back the same plan.
Text a spreadsheet would take for a formula (= + - @, or a tab or carriage return first)
is written with a leading apostrophe; so is text that already starts with one, so that
the reader can take off exactly one and the round trip holds for "- item" lists too.
"""

import csv
import datetime
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..models import Agreement, MilestoneKind, ReasonCategory, Status
from ..snapshots import PlanView, plan_data_from_snapshot

ACTION_PLAN = "Action plan"
ABOUT = "About the plan"

# The action plan table's columns, in order, with the width (in characters) each is given.
COLUMNS = {
    "Plan": 16,
    "Heading": 30,
    "Reference": 10,
    "Recommendation": 60,
    "Agreement": 14,
    "Reasons": 16,
    "Rationale": 40,
    "Response": 40,
    "Response after": 40,
    "Entry": 10,
    "Action number": 9,
    "Action or progress": 70,
    "Owners": 30,
    "Target": 18,
    "Status": 18,
    "Round": 14,
    "Revises action": 9,
    "Revision reason": 30,
}
ABOUT_COLUMNS = {"Field": 22, "Value": 100}
ACTION, PROGRESS = "Action", "Progress"

# What a spreadsheet would start a formula with (OWASP's list for CSV injection), and
# the apostrophe that marks text neutralised here.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
# Characters XML 1.0 cannot hold: neither .xlsx nor .ods can keep them, so they go.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as written and never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _label(choices, value: str) -> str:
    """The label people read ("Partly Agreed") for a stored value, or the value as it is."""
    return choices(value).label if value in choices.values else value


def plan_rows(data: dict) -> list[dict]:
    """The action plan table: one row per action or progress entry, keyed by column."""
    rows = []
    slug = data.get("slug", "")
    for group in data.get("groups") or []:
        recs = group.get("recommendations") or []
        if not recs:  # a heading with no recommendation under it yet keeps a row
            rows.append(_row(slug, group["heading"], {}))
        for rec in recs:
            rows += _recommendation_rows(slug, group["heading"], rec)
    return rows


def _row(slug: str, heading: str, values: dict) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update({"Plan": slug, "Heading": heading, **values})
    return row


def _recommendation_rows(slug: str, heading: str, rec: dict) -> list[dict]:
    reference = str(rec["reference"])
    first = {
        "Reference": reference,
        "Recommendation": rec.get("text", ""),
        "Agreement": _label(Agreement, rec.get("agreement", Agreement.AGREED)),
        "Reasons": "\n".join(_label(ReasonCategory, r) for r in rec.get("reasons") or []),
        "Rationale": rec.get("rationale", ""),
        "Response": rec.get("response", ""),
        "Response after": rec.get("response_after", ""),
    }
    entries = []
    for number, action in enumerate(rec.get("actions") or [], start=1):
        entries.append(
            {
                "Entry": ACTION,
                "Action number": number,
                "Action or progress": action.get("text", ""),
                "Owners": "\n".join(action.get("owners") or []),
                "Target": str(action.get("target", "")),
                "Status": _label(Status, action.get("status", Status.IN_PROGRESS)),
            }
        )
    for update in rec.get("progress") or []:
        entries.append(
            {
                "Entry": PROGRESS,
                "Action or progress": update.get("text", ""),
                "Owners": "\n".join(update.get("owners") or []),
                "Target": str(update.get("target", "")),
                "Status": _label(Status, update.get("status", "")),
                "Round": update.get("round", ""),
                "Revises action": update.get("revises_action") or "",
                "Revision reason": update.get("revision_reason", ""),
            }
        )
    # The recommendation's own columns on its first row only, as the published plan
    # merges those cells; a recommendation with no entries yet still has its row.
    rows = [_row(slug, heading, {"Reference": reference, **entry}) for entry in entries]
    if not rows:
        rows = [_row(slug, heading, {})]
    rows[0].update(first)
    return rows


def _date(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value or "")


def about_rows(data: dict) -> list[tuple[str, str]]:
    """The about table: (field, value) rows for the front matter, in the document's order.

    A responding body, milestone, term or round starts with the row naming it; the rows
    under it give its other fields.
    """
    report = data.get("report") or {}
    rows = [
        ("Plan", data.get("slug", "")),
        ("Plan title", data.get("title", "")),
        ("Report title", report.get("title", "")),
        ("Report published", _date(report.get("published"))),
        ("Inspection period", report.get("inspection_period", "")),
        ("Caveat", data.get("caveat", "")),
        ("Introduction", data.get("introduction", "")),
    ]
    for body in data.get("bodies") or []:
        rows += [
            ("Responding body", body["name"]),
            ("Short name", body.get("short_name", "")),
            ("Logo text", body.get("logo_alt", "")),
        ]
    for milestone in data.get("milestones") or []:
        rows += [
            ("Milestone", milestone["label"]),
            ("Milestone kind", _label(MilestoneKind, milestone["kind"])),
            ("Milestone date", _date(milestone["date"])),
            ("Change note", milestone.get("change_note", "")),
        ]
    for term in data.get("categorisation") or []:
        rows += [
            ("Term", _label(Agreement, term["term"])),
            ("Definition", term["definition"]),
            ("Comment", term.get("comment", "")),
        ]
    for rnd in data.get("rounds") or []:
        rows += [("Round", rnd["label"]), ("Round month", _date(rnd["month"]))]
    return rows


def _tables(data: dict) -> list[tuple[str, dict[str, int], list[list]]]:
    """(sheet name, columns with widths, rows of cell values) for each table."""
    actions = [[row[column] for column in COLUMNS] for row in plan_rows(data)]
    about = [list(row) for row in about_rows(data)]
    return [(ACTION_PLAN, COLUMNS, actions), (ABOUT, ABOUT_COLUMNS, about)]


def to_csv(data: dict) -> bytes:
    """The plan as one CSV file: the action plan table, a blank row, the about table."""
    out = io.StringIO()
    writer = csv.writer(out)
    for index, (_name, columns, rows) in enumerate(_tables(data)):
        if index:
            writer.writerow([])
        writer.writerow(list(columns))
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
    # UTF-8 with a byte-order mark: without one, Excel opens a CSV file in the computer's
    # legacy code page and garbles every dash, curly quote and accent.
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value) -> str:
    return neutralised(value) if isinstance(value, str) else str(value)


def to_xlsx(data: dict) -> bytes:
    """The plan as an Excel workbook: sheets "Action plan" and "About the plan"."""
    book = Workbook()
    book.remove(book.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, columns, rows in _tables(data):
        sheet = book.create_sheet(name)
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        # Cells addressed by number: asking the sheet for its last row scans every row,
        # which made a 5,000-row plan take minutes.
        for row_number, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column)
                _xlsx_cell(cell, value)
                cell.alignment = wrap
        for index, width in enumerate(columns.values(), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    book.properties.title = data.get("title", "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell, value) -> None:
    if isinstance(value, int):
        cell.value = value
        return
    cell.value = neutralised(NOT_XML.sub("", value))
    # Stored as a string whatever it looks like: never a formula, a number or a date.
    cell.data_type = "s"


def to_ods(data: dict) -> bytes:
    """The plan as an OpenDocument spreadsheet (the UK government's open standard)."""
    # odfpy is imported here: it builds every element class when first imported.
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow

    document = OpenDocumentSpreadsheet()
    wrap = Style(name="wrapped", family="table-cell")
    wrap.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    heading = Style(name="heading", family="table-cell")
    heading.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(wrap)
    document.automaticstyles.addElement(heading)
    widths = {}
    for name, columns, rows in _tables(data):
        table = Table(name=name)
        for width in columns.values():
            if width not in widths:
                widths[width] = Style(name=f"width{width}", family="table-column")
                widths[width].addElement(TableColumnProperties(columnwidth=f"{width * 0.2}cm"))
                document.automaticstyles.addElement(widths[width])
            table.addElement(TableColumn(stylename=widths[width]))
        table.addElement(_ods_row(TableRow, TableCell, list(columns), heading))
        for values in rows:
            table.addElement(_ods_row(TableRow, TableCell, values, wrap))
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _ods_row(row_class, cell_class, values: list, style):
    from odf.teletype import addTextToElement
    from odf.text import P

    row = row_class()
    for value in values:
        if isinstance(value, int):
            cell = cell_class(valuetype="float", value=value, stylename=style)
            cell.addElement(P(text=str(value)))
        else:
            cell = cell_class(valuetype="string", stylename=style)
            # One paragraph per line, as office suites write a cell of several lines;
            # addTextToElement keeps runs of spaces and tabs, which XML would collapse.
            for line in neutralised(NOT_XML.sub("", value)).split("\n") if value else []:
                paragraph = P()
                addTextToElement(paragraph, line)
                cell.addElement(paragraph)
        row.addElement(cell)
    return row


# Each format: how it is written, and the content type a download gives it.
FORMATS = {
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": (to_ods, "application/vnd.oasis.opendocument.spreadsheet"),
    "csv": (to_csv, "text/csv; charset=utf-8"),
}


def plan_spreadsheet(snapshot: PlanView, kind: str) -> tuple[bytes, str]:
    """A snapshot as a spreadsheet of one of FORMATS: (the file's bytes, content type)."""
    write, content_type = FORMATS[kind]
    return write(plan_data_from_snapshot(snapshot)), content_type
