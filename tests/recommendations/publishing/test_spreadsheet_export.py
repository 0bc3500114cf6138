"""Exporting a plan as a spreadsheet: the documented template, in .xlsx, .ods and .csv."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from odf.teletype import extractText
from odf.text import P
from openpyxl import load_workbook

from recommendations.publishing.spreadsheet import (
    about_rows,
    neutralised,
    plan_rows,
    to_csv,
    to_ods,
    to_xlsx,
)
from tests.recommendations.importing.sheet_support import rec, small_plan

# The template as docs/spreadsheet-template.md gives it.
HEADINGS = [
    "Plan",
    "Heading",
    "Reference",
    "Recommendation",
    "Agreement",
    "Reasons",
    "Rationale",
    "Response",
    "Response after",
    "Entry",
    "Action number",
    "Action or progress",
    "Owners",
    "Target",
    "Status",
    "Round",
    "Revises action",
    "Revision reason",
]
DOC = Path(settings.BASE_DIR) / "docs" / "spreadsheet-template.md"


def test_the_documented_template_is_the_one_exported():
    doc = DOC.read_text(encoding="utf-8")
    for heading in HEADINGS:
        assert f"| {heading} |" in doc, heading
    assert list(plan_rows(small_plan())[0]) == HEADINGS


def test_one_row_per_action_or_progress_entry_with_the_recommendation_on_its_first():
    rows = plan_rows(small_plan())
    assert [(r["Reference"], r["Entry"], r["Action number"]) for r in rows] == [
        ("1", "Action", 1),
        ("1", "Action", 2),
        ("1", "Progress", ""),
        ("2", "Action", 1),
        ("A3", "", ""),  # agreed nothing yet: the recommendation keeps its row
        ("", "", ""),  # a heading with no recommendation under it keeps its row
    ]
    first, second, progress = rows[:3]
    assert first["Recommendation"] == "Do the first thing."
    assert first["Agreement"] == "Partly Agreed"
    assert first["Reasons"] == "Operational\nAffordability"
    assert first["Owners"] == "Director A\nDirector B"
    assert first["Status"] == "In progress"
    assert second["Recommendation"] == "" and second["Heading"] == first["Heading"]
    assert all(row["Plan"] == "small-plan" for row in rows)
    assert progress["Round"] == "July 2024"
    assert progress["Revises action"] == 1
    assert progress["Revision reason"] == "resourcing"
    assert progress["Target"] == "January 2025"


def test_the_about_table_holds_the_front_matter_in_order():
    rows = about_rows(small_plan())
    assert rows[:7] == [
        ("Plan", "small-plan"),
        ("Plan title", "A response to: a small inspection"),
        ("Report title", "A small inspection"),
        ("Report published", "2024-01-15"),
        ("Inspection period", "23 April – 3 May 2019"),
        ("Caveat", "Dates may move."),
        ("Introduction", "First paragraph.\n\nSecond paragraph."),
    ]
    assert ("Responding body", "HM Prison & Probation Service") in rows
    assert ("Milestone kind", "Action plan submitted") in rows
    assert ("Term", "Partly Agreed") in rows
    assert rows[-2:] == [("Round", "July 2024"), ("Round month", "2024-07")]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-1", "'-1"),
        ("- item", "'- item"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("'quoted", "''quoted"),
        ("Plain text", "Plain text"),
        ("a = b", "a = b"),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(text, written):
    assert neutralised(text) == written


def test_the_workbook_has_the_two_sheets_with_string_cells():
    data = small_plan()
    rec(data, "1")["text"] = '=HYPERLINK("https://example.com","x")'
    book = load_workbook(io.BytesIO(to_xlsx(data)))
    assert book.sheetnames == ["Action plan", "About the plan"]
    sheet = book["Action plan"]
    assert [c.value for c in sheet[1]] == HEADINGS
    assert sheet["D2"].value == '\'=HYPERLINK("https://example.com","x")'
    assert sheet["D2"].data_type == "s"
    assert sheet["L2"].value == "'- one\n- two" and sheet["L2"].data_type == "s"
    assert sheet["K2"].value == 1  # numbers stay numbers
    assert sheet.freeze_panes == "A2"
    about = book["About the plan"]
    assert [about["A1"].value, about["B1"].value] == ["Field", "Value"]
    assert about["A5"].value == "Report published"
    assert about["B5"].value == "2024-01-15"


def test_the_ods_has_the_two_tables_and_keeps_lines_and_spaces():
    data = small_plan()
    rec(data, "2")["text"] = "Two  spaces and\n  an indented line"
    document = load_ods(io.BytesIO(to_ods(data)))
    tables = document.spreadsheet.getElementsByType(Table)
    assert [t.getAttribute("name") for t in tables] == ["Action plan", "About the plan"]
    rows = tables[0].getElementsByType(TableRow)
    heading = [extractText(c) for c in rows[0].getElementsByType(TableCell)]
    assert heading == HEADINGS
    cell = rows[4].getElementsByType(TableCell)[3]  # rec 2's recommendation
    assert cell.getAttribute("valuetype") == "string"
    lines = [extractText(p) for p in cell.getElementsByType(P)]
    assert lines == ["Two  spaces and", "  an indented line"]
    formula = rows[1].getElementsByType(TableCell)[11]
    assert formula.getAttribute("valuetype") == "string"
    assert extractText(formula.getElementsByType(P)[0]) == "'- one"
    with zipfile.ZipFile(io.BytesIO(to_ods(data))) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert b"table:formula" not in archive.read("content.xml")


def test_the_csv_opens_in_excel_and_holds_both_tables():
    content = to_csv(small_plan())
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    blank = rows.index([])
    assert blank == 7  # heading row, six plan rows, then the blank row
    assert rows[blank + 1] == ["Field", "Value"]
    assert rows[blank + 2] == ["Plan", "small-plan"]
    assert "Inspection period,23 April – 3 May 2019" in content.decode("utf-8-sig")


@pytest.mark.django_db
def test_a_snapshot_is_exported_through_its_plan_data(seeded):
    from recommendations.models import ActionPlan
    from recommendations.publishing.spreadsheet import plan_spreadsheet
    from recommendations.snapshots import plan_snapshot
    from tests.conftest import SEED_SLUG

    view = plan_snapshot(plan=ActionPlan.objects.get(slug=SEED_SLUG))
    content, content_type = plan_spreadsheet(view, "ods")
    assert content_type == "application/vnd.oasis.opendocument.spreadsheet"
    sheet = load_workbook(io.BytesIO(plan_spreadsheet(view, "xlsx")[0]))["Action plan"]
    # The seed's 41 actions and 32 progress entries, under the heading row.
    assert sheet.max_row == 1 + 41 + 32
    assert load_ods(io.BytesIO(content)).spreadsheet.getElementsByType(Table)
