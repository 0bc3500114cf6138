"""Reading a plan from a spreadsheet in the template of docs/spreadsheet-template.md.

`read_xlsx`, `read_ods` and `read_csv` each take the file as bytes or as a binary file
object (an upload) and give a `ReadResult`: the plan data `yaml_plan.plan_import`
writes, and every problem with where it is ("Sheet 'Action plan', row 14, column
'Target'"; a CSV file has no sheets, so "Row 14, column 'Target'"). A file that is not
the spreadsheet it claims to be, or is too large, raises `UnreadableFile` (sheet_files).

Columns are found by their heading, whatever their order, case or spacing. Rows are read
in order: a new heading starts a group, a new reference a recommendation, and each row
is an action or a progress entry of it. Heading and reference may be left blank on the
rows after the first, as where cells are merged; a recommendation's own columns are read
from its first row and must be blank or the same on the others.
"""

from . import sheet_values as cell
from .reading import ReadResult, UnreadableFile
from .sheet_about import ABOUT, read_about
from .sheet_files import Table, csv_table, file_content, ods_tables, xlsx_tables
from .sheet_plan import ActionPlanReader

ACTION_PLAN = "Action plan"
SHEETS = {cell.key(ACTION_PLAN), cell.key(ABOUT)}

# The action plan table's columns: each field's heading in the template first, then
# the other headings a person may have used for it (those of the published plan).
COLUMNS = {
    "plan": ["Plan"],
    "heading": ["Heading", "Addressee heading"],
    "reference": ["Reference", "Rec No", "Recommendation number"],
    "recommendation": ["Recommendation"],
    "agreement": ["Agreement", "Agreed / Partly Agreed / Not Agreed"],
    "reasons": ["Reasons"],
    "rationale": ["Rationale"],
    "response": ["Response"],
    "response_after": ["Response after"],
    "entry": ["Entry"],
    "action_number": ["Action number", "Action no"],
    "text": ["Action or progress", "Response Action Taken/Planned"],
    "owners": ["Owners", "Responsible owner", "Owner"],
    "target": ["Target", "Target date"],
    "status": ["Status"],
    "round": ["Round"],
    "revises_action": ["Revises action"],
    "revision_reason": ["Revision reason"],
}
REQUIRED = ["heading", "reference", "recommendation", "agreement", "entry", "text"]
REQUIRED += ["owners", "target", "status", "round"]
FIELDS_BY_HEADING = {cell.key(h): field for field, headings in COLUMNS.items() for h in headings}
ABOUT_COLUMNS = {"field": "Field", "value": "Value"}


def read_xlsx(file) -> ReadResult:
    """A plan from an Excel workbook (.xlsx) in the template."""
    tables = xlsx_tables(file_content(file, "Excel"), SHEETS, cell.key)
    return _read_workbook(tables)


def read_ods(file) -> ReadResult:
    """A plan from an OpenDocument spreadsheet (.ods) in the template."""
    tables = ods_tables(file_content(file, "OpenDocument spreadsheet"), SHEETS, cell.key)
    return _read_workbook(tables)


def read_csv(file) -> ReadResult:
    """A plan from a CSV file: the action plan table and the about table, one above the
    other, each under its own heading row."""
    table, encoding = csv_table(file_content(file, "CSV"))
    result = ReadResult(data={})
    if encoding != "UTF-8":
        result.note("", f"The file was read as {encoding} text: check its dashes and quotes.")
    sections: dict[str, list] = {ACTION_PLAN: [], ABOUT: []}
    headings: dict[str, tuple[int, list]] = {}
    section = None
    for number, cells in table.rows:
        found = _heading_kind(cells)
        if found and found not in headings:
            section = found
            headings[found] = (number, cells)
        elif section:
            sections[section].append((number, cells))
    if ACTION_PLAN not in headings:
        raise UnreadableFile(_no_plan_table("The file"))
    return _read_tables(
        result,
        (headings[ACTION_PLAN], sections[ACTION_PLAN], ""),
        (headings.get(ABOUT), sections[ABOUT], ""),
    )


def _heading_kind(cells: list) -> str | None:
    """Which table's heading row this is, if it is one."""
    keys = [cell.key(c) for c in cells if cell.line(c)]
    if sorted(keys) == ["field", "value"]:
        return ABOUT
    fields = {FIELDS_BY_HEADING.get(k) for k in keys}
    return ACTION_PLAN if {"reference", "entry"} <= fields else None


def _no_plan_table(what: str) -> str:
    return (
        f"{what} has no action plan table: no row has the headings 'Reference' and "
        "'Entry'. Start from a plan exported from the tracker."
    )


def _read_workbook(tables: list[Table]) -> ReadResult:
    result = ReadResult(data={})
    by_key = {cell.key(t.name): t for t in tables}
    plan_table = by_key.get(cell.key(ACTION_PLAN))
    if plan_table is None:
        plan_table = next((t for t in tables if cell.key(t.name) != cell.key(ABOUT)), None)
        if plan_table is None:
            raise UnreadableFile(_no_plan_table("The workbook"))
        result.note("", f"No sheet is called '{ACTION_PLAN}': sheet '{plan_table.name}' was read.")
    about_table = by_key.get(cell.key(ABOUT))
    plan_rows, plan_heading = _split(plan_table, ACTION_PLAN)
    if plan_heading is None:
        raise UnreadableFile(_no_plan_table(f"Sheet '{plan_table.name}'"))
    about = (None, [])
    if about_table is not None:
        about_rows, about_heading = _split(about_table, ABOUT)
        about = (about_heading, about_rows)
    return _read_tables(
        result,
        (plan_heading, plan_rows, f"Sheet '{plan_table.name}'"),
        (*about, f"Sheet '{about_table.name if about_table else ABOUT}'"),
    )


def _split(table: Table, kind: str) -> tuple[list, tuple[int, list] | None]:
    """A sheet's rows after its heading row, and the heading row (the first row that is
    one: a title above it is allowed)."""
    for index, (number, cells) in enumerate(table.rows):
        if _heading_kind(cells) == kind:
            return table.rows[index + 1 :], (number, cells)
    return [], None


def _read_tables(result: ReadResult, plan: tuple, about: tuple) -> ReadResult:
    plan_heading, plan_rows, plan_sheet = plan
    about_heading, about_rows, about_sheet = about

    def where_about(row: int, column: str) -> str:
        return cell.where(about_sheet, row, column)

    if about_heading is None:
        result.problem(ABOUT, "The about table (its heading row is Field, Value) is missing")
        data = {"report": {}}
    else:
        positions = {cell.key(c): i for i, c in enumerate(about_heading[1])}
        rows = [
            (number, _at(cells, positions["field"]), _at(cells, positions["value"]))
            for number, cells in about_rows
        ]
        data = read_about(rows, result, where_about)
    data["groups"] = []
    columns = _columns(plan_heading, result, plan_sheet)
    if columns is not None:
        reader = ActionPlanReader(data, result, columns, plan_sheet)
        for number, cells in plan_rows:
            reader.row(number, cells)
        data["groups"] = reader.finish()
    result.data = data
    return result


def _at(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def _columns(heading: tuple[int, list], result: ReadResult, sheet: str) -> dict | None:
    """Each field's column index and heading, from the heading row; problems if any
    column the template needs is missing or one is there twice."""
    number, cells = heading
    columns: dict[str, tuple[int, str]] = {}
    for index, written in enumerate(cells):
        name = cell.line(written)
        field = FIELDS_BY_HEADING.get(cell.key(name))
        if field is None:
            if name:
                result.note(
                    cell.where(sheet, number, name),
                    "this column is not part of the template and was not read",
                )
        elif field in columns:
            result.problem(cell.where(sheet, number, name), "this column is there twice: keep one")
        else:
            columns[field] = (index, name)
    missing = [COLUMNS[field][0] for field in REQUIRED if field not in columns]
    for heading_text in missing:
        result.problem(cell.where(sheet, number), f"the column '{heading_text}' is missing")
    return None if missing else columns
