"""Reading plans from spreadsheets: the round trip, every problem located, bad files refused."""

import csv
import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from recommendations.importing.reading import Problem, ReadResult, UnreadableFile
from recommendations.importing.spreadsheet import read_csv, read_ods, read_xlsx
from recommendations.importing.yaml_plan import plan_import
from recommendations.models import ActionPlan
from recommendations.publishing.spreadsheet import to_csv, to_ods, to_xlsx
from recommendations.snapshots import plan_data_from_snapshot, plan_snapshot
from tests.conftest import SEED_SLUG
from tests.recommendations.importing.sheet_support import (
    rec,
    replaced_member,
    small_plan,
    xlsx_sheet_xml,
    zip_bomb,
)
from tests.recommendations.snapshots.snapshot_support import comparable, differences

FORMATS = {"xlsx": (to_xlsx, read_xlsx), "ods": (to_ods, read_ods), "csv": (to_csv, read_csv)}
SHEET = {"xlsx": "Sheet 'Action plan', row", "ods": "Sheet 'Action plan', row", "csv": "Row"}
ABOUT = {"xlsx": "Sheet 'About the plan', row", "ods": "Sheet 'About the plan', row"}


def round_trip(data: dict, kind: str) -> ReadResult:
    write, read = FORMATS[kind]
    return read(write(data))


# The seed, out and back in, in every format.


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_the_seed_survives_export_and_import_in_every_format(seeded, kind):
    seed = plan_snapshot(plan=ActionPlan.objects.get(slug=SEED_SLUG))
    data = plan_data_from_snapshot(seed)
    result = round_trip(data, kind)
    assert result.problems == [] and result.notes == []
    assert differences(result.data, data) == []

    result.data["slug"] = f"seed-from-{kind}"
    plan, created = plan_import(data=result.data)
    assert created
    again = plan_snapshot(plan=plan)
    # Field by field: groups, references, texts, agreement, reasons, actions, owners in
    # order, targets, statuses, progress per round, revisions, milestones, front matter.
    assert differences(comparable(again), comparable(seed)) == []
    rec_14 = next(r for r in again.recommendations if r.reference == "14")
    assert rec_14.actions[2].revisions[0].target_text == "October 2024"
    assert rec_14.actions[2].target_text == "March 2024"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_small_plan_with_everything_comes_back_exactly(kind):
    data = small_plan()
    result = round_trip(data, kind)
    assert result.problems == []
    assert result.data == data


# Formulas are never run, and text that looks like one still comes back.


FORMULA_LIKE = [
    '=HYPERLINK("https://example.com","click")',
    "+44 20 7946 0000",
    "-1",
    "@SUM(A1)",
    "'already quoted",
    "''two quotes",
    "\tindented",
]


@pytest.mark.parametrize("kind", FORMATS)
def test_formula_like_text_round_trips_as_text(kind):
    data = small_plan()
    first = rec(data, "1")
    first["text"] = FORMULA_LIKE[0]
    first["actions"][0]["text"] = "- item one\n- item two"
    first["actions"][0]["owners"] = ["@Director", "=Owner"]
    first["rationale"] = "\n".join(FORMULA_LIKE)
    rec(data, "2")["actions"][0]["text"] = FORMULA_LIKE[5]
    data["introduction"] = FORMULA_LIKE[1]
    data["caveat"] = FORMULA_LIKE[4]
    result = round_trip(data, kind)
    assert result.problems == []
    assert result.data == data


def test_an_exported_formula_is_a_string_cell_in_the_workbook():
    data = small_plan()
    rec(data, "1")["text"] = FORMULA_LIKE[0]
    book = load_workbook(io.BytesIO(to_xlsx(data)))
    cell = book["Action plan"]["D2"]
    assert book["Action plan"]["D1"].value == "Recommendation"
    assert cell.data_type == "s"
    assert cell.value == "'" + FORMULA_LIKE[0]
    with zipfile.ZipFile(io.BytesIO(to_xlsx(data))) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


# Every problem says where it is.


def problem_at(result: ReadResult, where: str) -> Problem:
    found = [p for p in result.problems if p.where == where]
    assert found, f"no problem at {where}: {result.problems}"
    return found[0]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_wrong_agreement_word_is_located(kind):
    data = small_plan()
    rec(data, "2")["agreement"] = "Agred"
    result = round_trip(data, kind)
    problem = problem_at(result, f"{SHEET[kind]} 5, column 'Agreement'")
    assert "'Agred'" in problem.message and "Partly Agreed" in problem.message
    assert len(result.problems) == 1


@pytest.mark.parametrize("kind", FORMATS)
def test_a_target_that_is_no_date_is_located(kind):
    data = small_plan()
    rec(data, "1")["actions"][1]["target"] = "Sumer 2024"
    result = round_trip(data, kind)
    problem = problem_at(result, f"{SHEET[kind]} 3, column 'Target'")
    assert problem.message == "'Sumer 2024' is neither a month nor a financial year"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_revision_needs_a_new_month_and_an_action_to_revise(kind):
    data = small_plan()
    progress = rec(data, "1")["progress"][0]
    progress["target"] = "Completed"
    progress["revises_action"] = 3
    result = round_trip(data, kind)
    assert "names no month" in problem_at(result, f"{SHEET[kind]} 4, column 'Target'").message
    revises = problem_at(result, f"{SHEET[kind]} 4, column 'Revises action'")
    assert revises.message == "recommendation 1 has no action 3: it has 2 actions"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_reference_used_twice_is_located(kind):
    data = small_plan()
    rec(data, "A3")["reference"] = "1"
    result = round_trip(data, kind)
    problem = problem_at(result, f"{SHEET[kind]} 6, column 'Reference'")
    assert "first used at row 2" in problem.message


@pytest.mark.parametrize("kind", FORMATS)
def test_a_round_not_listed_is_located(kind):
    data = small_plan()
    rec(data, "1")["progress"][0]["round"] = "Jly 2024"
    result = round_trip(data, kind)
    problem = problem_at(result, f"{SHEET[kind]} 4, column 'Round'")
    assert "'Jly 2024' is not listed in 'About the plan'" in problem.message


@pytest.mark.parametrize("kind", FORMATS)
def test_a_wrong_status_and_reason_are_located(kind):
    data = small_plan()
    rec(data, "1")["actions"][0]["status"] = "Finished"
    rec(data, "1")["reasons"] = ["operational", "money"]
    result = round_trip(data, kind)
    assert "'Finished'" in problem_at(result, f"{SHEET[kind]} 2, column 'Status'").message
    assert "'money'" in problem_at(result, f"{SHEET[kind]} 2, column 'Reasons'").message


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_front_matter_problems_are_located(kind):
    data = small_plan()
    data["milestones"][1]["date"] = "1st of Febtober"
    data["milestones"][1]["kind"] = "sent"
    result = round_trip(data, kind)
    # About rows: 1 heading, 2-8 the plan's fields, 9-11 the body, 12-15 milestone 1.
    assert "'sent'" in problem_at(result, f"{ABOUT[kind]} 17, column 'Value'").message
    assert "not a date" in problem_at(result, f"{ABOUT[kind]} 18, column 'Value'").message


def test_a_missing_column_is_named():
    book = load_workbook(io.BytesIO(to_xlsx(small_plan())))
    sheet = book["Action plan"]
    target = next(c.column for c in sheet[1] if c.value == "Target")
    sheet.delete_cols(target)
    out = io.BytesIO()
    book.save(out)
    result = read_xlsx(out.getvalue())
    assert result.problems == [
        Problem("Sheet 'Action plan', row 1", "the column 'Target' is missing")
    ]


def test_columns_are_found_by_heading_in_any_order_case_and_spacing():
    text = to_csv(small_plan()).decode("utf-8-sig")
    heading, rest = text.split("\r\n", 1)
    assert "Target,Status" in heading
    heading = heading.replace("Target,Status", "  target   DATE ,STATUS")
    # The first two columns swapped, heading and every row.
    rows = list(csv.reader(io.StringIO(heading + "\r\n" + rest)))
    swapped = io.StringIO()
    csv.writer(swapped).writerows(
        [[row[1], row[0], *row[2:]] if len(row) > 1 else row for row in rows]
    )
    assert read_csv(swapped.getvalue().encode()).data == small_plan()


def test_merged_heading_and_reference_cells_read_as_the_row_above():
    book = load_workbook(io.BytesIO(to_xlsx(small_plan())))
    sheet = book["Action plan"]
    for row in (3, 4):  # rec 1's second action and its progress entry
        sheet.cell(row, 2).value = None
        sheet.cell(row, 3).value = None
    out = io.BytesIO()
    book.save(out)
    assert read_xlsx(out.getvalue()).data == small_plan()


def test_a_csv_saved_by_excel_in_windows_1252_is_read_with_a_note():
    data = small_plan()
    content = to_csv(data).decode("utf-8-sig").encode("cp1252")
    result = read_csv(content)
    assert result.data == data
    assert "Windows-1252" in result.notes[0].message


# Files that are not what they claim, or too large, are refused plainly.


def random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


@pytest.mark.parametrize(
    ("read", "content", "says"),
    [
        (read_xlsx, random_bytes(5000), "not an Excel workbook"),
        (read_ods, random_bytes(5000), "not an OpenDocument spreadsheet"),
        (read_ods, b"Plan,Heading\nx,y\n", "not an OpenDocument spreadsheet"),
        (read_ods, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF document"),
        (read_xlsx, to_ods(small_plan()), "looks like an OpenDocument file"),
        (read_ods, to_xlsx(small_plan()), "looks like an Excel workbook"),
        (read_csv, to_xlsx(small_plan()), "not a CSV file"),
        (read_csv, b"", "empty"),
        (read_csv, b"just,some,words\n1,2,3\n", "no action plan table"),
        (read_xlsx, to_xlsx(small_plan())[:3000], "damaged"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(read, content, says):
    with pytest.raises(UnreadableFile, match=says):
        read(content)


@pytest.mark.parametrize("read", [read_xlsx, read_ods])
def test_a_zip_bomb_is_refused_before_it_is_unzipped(read):
    with pytest.raises(UnreadableFile, match="times its size"):
        read(zip_bomb(20))


@pytest.mark.parametrize("read", [read_xlsx, read_ods])
def test_a_workbook_too_large_once_unzipped_is_refused(read):
    with pytest.raises(UnreadableFile, match="unzips to more than 100 MB"):
        read(zip_bomb(110, members=110))


def test_an_oversized_upload_is_refused_without_reading_it_all():
    upload = io.BytesIO(b"x" * (21 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="larger than 20 MB"):
        read_csv(upload)


def test_a_csv_of_100000_rows_is_refused():
    header = to_csv(small_plan()).decode("utf-8-sig").splitlines()[0]
    content = (header + "\n" + "p,h,1,text,Agreed\n" * 100_000).encode()
    with pytest.raises(UnreadableFile, match="more than 20,000 rows"):
        read_csv(content)


def test_an_xlsx_of_100000_rows_is_refused():
    content = replaced_member(
        to_xlsx(small_plan()), "xl/worksheets/sheet1.xml", xlsx_sheet_xml(100_000)
    )
    with pytest.raises(UnreadableFile, match="more than 20,000 rows"):
        read_xlsx(content)


def test_an_ods_row_repeated_100000_times_is_refused():
    ods = to_ods(small_plan())
    with zipfile.ZipFile(io.BytesIO(ods)) as archive:
        content = archive.read("content.xml").decode()
    repeated = (
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    content = content.replace("</table:table>", repeated + "</table:table>", 1)
    with pytest.raises(UnreadableFile, match="more than 20,000 rows"):
        read_ods(replaced_member(ods, "content.xml", content.encode()))


def test_an_ods_ending_in_a_million_empty_rows_is_read():
    ods = to_ods(small_plan())
    with zipfile.ZipFile(io.BytesIO(ods)) as archive:
        content = archive.read("content.xml").decode()
    empty = (
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    content = content.replace("</table:table>", empty + "</table:table>", 1)
    assert read_ods(replaced_member(ods, "content.xml", content.encode())).data == small_plan()


def test_an_upload_is_read_from_a_file_object_too():
    assert read_ods(io.BytesIO(to_ods(small_plan()))).data == small_plan()


# Fuzzing: whatever comes in, a reader answers with a result or UnreadableFile.

READERS = [read_xlsx, read_ods, read_csv]
# Any text an office suite can hold (XML has no control characters but tab and newline),
# and the words the template gives meaning to.
CELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", "\t", "'", "="]),
    max_size=30,
) | st.sampled_from(["Action", "Progress", "July 2024", "Agreed", "1", "Round", "Term"])
TEMPLATE_HEADINGS = to_csv(small_plan()).decode("utf-8-sig").splitlines()[0].split(",")


def answers(read, content) -> None:
    try:
        result = read(content)
    except UnreadableFile as error:
        assert str(error)
        return
    assert isinstance(result, ReadResult)
    assert all(isinstance(p, Problem) and p.message for p in result.problems)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=2000), read=st.sampled_from(READERS))
def test_fuzz_arbitrary_bytes(content, read):
    answers(read, content)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(list(FORMATS)),
    position=st.integers(min_value=0),
    noise=st.binary(min_size=1, max_size=64),
)
def test_fuzz_damaged_exports(kind, position, noise):
    write, read = FORMATS[kind]
    content = bytearray(write(small_plan()))
    at = position % len(content)
    content[at : at + len(noise)] = noise
    answers(read, bytes(content))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(list(FORMATS)),
    rows=st.lists(st.lists(CELL_TEXT, max_size=20), max_size=8),
    about=st.lists(st.tuples(CELL_TEXT, CELL_TEXT), max_size=6),
)
def test_fuzz_arbitrary_cell_texts_under_the_template_headings(kind, rows, about):
    tables = [
        ("Action plan", [TEMPLATE_HEADINGS, *rows]),
        ("About the plan", [["Field", "Value"], *[list(pair) for pair in about]]),
    ]
    answers(FORMATS[kind][1], _write_cells(kind, tables))


def _write_cells(kind: str, tables: list) -> bytes:
    """Cells written as they are, with no neutralising: what a person's file may hold."""
    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        for _name, rows in tables:
            writer.writerows(rows)
            writer.writerow([])
        return out.getvalue().encode()
    if kind == "xlsx":
        book = Workbook()
        book.remove(book.active)
        for name, rows in tables:
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in tables:
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_cell = TableCell(valuetype="string")
                table_cell.addElement(P(text=value))
                table_row.addElement(table_cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def test_a_round_listed_twice_is_a_problem():
    data = small_plan()
    data["rounds"].append({"label": "July 2024", "month": "2024-08"})
    result = round_trip(data, "xlsx")
    assert result.problems == [
        Problem(
            "Sheet 'About the plan', row 28, column 'Value'", "round 'July 2024' is listed twice"
        )
    ]
