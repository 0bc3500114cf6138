"""Opening spreadsheet files safely: the cells of .xlsx, .ods and .csv files as plain rows.

Uploaded files are untrusted. Before any parser sees a workbook (a zip of XML), its
zip directory is checked: too large once unzipped, a compression ratio only a zip bomb
has, or a compression method no office suite uses, and it is refused. Rows are read as
a stream and reading stops at the row limit, so a sheet of a million rows costs no more
than one of twenty thousand. Every error a library raises is caught here and becomes
`UnreadableFile` with a plain message: nothing else leaves this module.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from .reading import UnreadableFile

MAX_FILE_BYTES = 20 * 1024 * 1024  # an upload: a real plan is a few hundred kilobytes
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # office XML compresses 5 to 30 times; a zip bomb thousands of times
MAX_ROWS = 20_000  # rows holding something, across the file
MAX_SCANNED_ROWS = 100_000  # rows looked at, blank ones included
MAX_COLUMNS = 40  # the template has 18: cells further right are not read

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass
class Table:
    """The rows of one sheet (a CSV file is one sheet): blank rows are left out."""

    name: str
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, cells)


def file_content(file, kind: str) -> bytes:
    """The bytes of an upload (bytes, or a binary file object), refused if too large."""
    if isinstance(file, bytes | bytearray | memoryview):
        content = bytes(file)
    else:
        try:
            content = file.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as error:
            raise UnreadableFile(f"The {kind} file could not be read.") from error
        if not isinstance(content, bytes):
            raise UnreadableFile(f"The {kind} file could not be read as bytes.")
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"The file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB: "
            "a plan is far smaller. Check that this is the right file."
        )
    if not content.strip():
        raise UnreadableFile(f"The file is empty: it is not a {kind} file.")
    return content


def looks_like(content: bytes) -> str:
    """What a file seems to be from its first bytes, for messages."""
    if content.startswith(b"%PDF"):
        return "a PDF document"
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        return "an older Office file (.xls or .doc) or a password-protected one"
    if content.startswith(b"PK"):
        return "a zip file"
    if content.startswith((b"{\\rtf", b"<html", b"<!DOCTYPE", b"<?xml")):
        return "a text document"
    return ""


def _not_a(content: bytes, kind: str, extra: str = "") -> UnreadableFile:
    seems = looks_like(content)
    seems = f" It looks like {seems}." if seems else ""
    return UnreadableFile(f"This file is not {kind}.{seems}{extra}")


def checked_zip(content: bytes, kind: str) -> zipfile.ZipFile:
    """The workbook as a zip, once its directory shows it safe to unzip."""
    if not content.startswith(b"PK"):
        raise _not_a(content, kind)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise UnreadableFile(f"This file is not {kind}: it is damaged or incomplete.") from error
    total = 0
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableFile(f"This file is not {kind}: it is compressed in an unusual way.")
        if member.flag_bits & 0x1:
            raise UnreadableFile(f"This file is not {kind}: part of it is encrypted.")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise UnreadableFile(
                f"This file unzips to far more than it holds ({ratio:.0f} times its size): "
                "it is refused as unsafe."
            )
    if total > MAX_UNZIPPED_BYTES:
        raise UnreadableFile(
            f"This file unzips to more than {MAX_UNZIPPED_BYTES // 1024 // 1024} MB: "
            "a plan is far smaller, so it is refused."
        )
    return archive


class _RowCounter:
    """Stops reading at the row limits, with a message that says why."""

    def __init__(self):
        self.kept = 0

    def keep(self, row_number: int, cells: list) -> bool:
        if row_number > MAX_SCANNED_ROWS:
            raise UnreadableFile(
                f"The file has rows past row {MAX_SCANNED_ROWS:,}: a plan has far fewer. "
                "Remove the rows after the plan and try again."
            )
        if not any(cell not in (None, "") for cell in cells):
            return False
        self.kept += 1
        if self.kept > MAX_ROWS:
            raise UnreadableFile(
                f"The file has more than {MAX_ROWS:,} rows: a plan has far fewer, "
                "so it was not read."
            )
        return True


def _wanted(names: list[str], wanted: set[str], key) -> list[str]:
    """The sheets to read: those the template names, and the first sheet if it names none
    of the main one (a person may have renamed it)."""
    chosen = [name for name in names if key(name) in wanted]
    if names and names[0] not in chosen:
        chosen.insert(0, names[0])
    return chosen


def xlsx_tables(content: bytes, wanted: set[str], key) -> list[Table]:
    """The sheets of an .xlsx workbook whose names `key` maps into `wanted`."""
    kind = "an Excel workbook (.xlsx)"
    archive = checked_zip(content, kind)
    if "xl/workbook.xml" not in archive.namelist():
        if "mimetype" in archive.namelist():
            raise UnreadableFile(f"This file is not {kind}: it looks like an OpenDocument file.")
        raise UnreadableFile(f"This file is not {kind}: it is a zip of something else.")
    # openpyxl is imported here, like odfpy below: only an upload needs it.
    from openpyxl import load_workbook

    counter = _RowCounter()
    tables = []
    try:
        content = _with_dimensions(content, archive)
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for name in _wanted(book.sheetnames, wanted, key):
                table = Table(name)
                # The row bound is given, not taken from the sheet's own claim of its size.
                rows = book[name].iter_rows(
                    max_row=MAX_SCANNED_ROWS + 1, max_col=MAX_COLUMNS, values_only=True
                )
                for number, values in enumerate(rows, start=1):
                    cells = _trimmed(values)
                    cells = [v if v is None or type(v) is str else _xlsx_value(v) for v in cells]
                    if counter.keep(number, cells):
                        table.rows.append((number, cells))
                tables.append(table)
        finally:
            book.close()
    except UnreadableFile:
        raise
    except Exception as error:  # any library error: the file is not what it claims
        raise UnreadableFile(
            f"This file could not be read as {kind}: it is damaged or not a workbook."
        ) from error
    return tables


_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")


def _with_dimensions(content: bytes, archive: zipfile.ZipFile) -> bytes:
    """The workbook with every worksheet stating its size before its rows.

    openpyxl looks for a worksheet's <dimension> before reading it, and without one
    parses the whole sheet into memory first, every sheet, however large. Office suites
    always write one; a sheet made without one gets a token one (iter_rows is given its
    own row bound), so that reading stays a stream.
    """
    lacking = []
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(name) as sheet:
                head = sheet.read(64 * 1024)
            start = _SHEET_DATA.search(head)
            if b"dimension" not in (head[: start.start()] if start else head):
                lacking.append(name)
    if not lacking:
        return content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as repaired:
        for member in archive.infolist():
            data = archive.read(member.filename)
            if member.filename in lacking:
                data = _SHEET_DATA.sub(rb'<\1dimension ref="A1"/><\1sheetData', data, count=1)
            repaired.writestr(member.filename, data)
    return out.getvalue()


def _trimmed(values) -> list:
    """A row without the empty cells that pad it to the sheet's width."""
    cells = list(values)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _xlsx_value(value):
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, str | int | float | datetime.date | datetime.time) or value is None:
        return value
    return str(value)


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def ods_tables(content: bytes, wanted: set[str], key) -> list[Table]:
    """The sheets of an .ods spreadsheet whose names `key` maps into `wanted`.

    content.xml is read as a stream with defusedxml (no DTDs, no entities) rather than
    loaded whole with odfpy, which builds the entire document in memory first.
    """
    kind = "an OpenDocument spreadsheet (.ods)"
    archive = checked_zip(content, kind)
    try:
        mimetype = archive.read("mimetype").strip() if "mimetype" in archive.namelist() else b""
        if mimetype != ODS_MIME:
            seems = "an Excel workbook" if "xl/workbook.xml" in archive.namelist() else ""
            seems = seems or (
                "another OpenDocument file" if mimetype else "a zip of something else"
            )
            raise UnreadableFile(f"This file is not {kind}: it looks like {seems}.")
        if "content.xml" not in archive.namelist():
            raise UnreadableFile(f"This file is not {kind}: it has no content.")
        with archive.open("content.xml") as stream:
            return _ods_stream(stream, wanted, key)
    except UnreadableFile:
        raise
    except Exception as error:  # any parser or zip error: the file is damaged
        raise UnreadableFile(
            f"This file could not be read as {kind}: it is damaged or not a spreadsheet."
        ) from error


def _ods_stream(stream, wanted: set[str], key) -> list[Table]:
    from defusedxml.ElementTree import iterparse

    counter = _RowCounter()
    tables: list[Table] = []
    table = None
    number = 0
    first = True
    for event, element in iterparse(stream, events=("start", "end")):
        if element.tag == f"{{{_TABLE}}}table":
            if event == "start":
                name = element.get(f"{{{_TABLE}}}name", "")
                table = Table(name) if first or key(name) in wanted else None
                first, number = False, 0
            else:
                if table is not None:
                    tables.append(table)
                table = None
                element.clear()
        elif event == "end" and element.tag == f"{{{_TABLE}}}table-row":
            if table is not None:
                repeat = _count(element.get(f"{{{_TABLE}}}number-rows-repeated"))
                cells = _ods_cells(element)
                if any(cell not in (None, "") for cell in cells):
                    for _ in range(repeat):
                        number += 1
                        if counter.keep(number, cells):
                            table.rows.append((number, list(cells)))
                else:
                    # An empty row repeated a million times ends most sheets: skip it.
                    number += repeat
            element.clear()
    return tables


def _count(value) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _ods_cells(row) -> list:
    cells: list = []
    for cell in row:
        if cell.tag not in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
            continue
        value = _ods_value(cell)
        repeat = _count(cell.get(f"{{{_TABLE}}}number-columns-repeated"))
        cells += [value] * min(repeat, MAX_COLUMNS - len(cells))
        if len(cells) >= MAX_COLUMNS:
            break
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


def _ods_value(cell):
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(f"{{{_OFFICE}}}value", "nan"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        value = cell.get(f"{{{_OFFICE}}}date-value", "")
        moment = datetime.datetime.fromisoformat(value)
        return moment.date() if moment.time() == datetime.time() else moment
    lines = [_ods_text(p) for p in cell if p.tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h")]
    return "\n".join(lines) if lines else None


def _ods_text(element) -> str:
    """A paragraph's text as written: ODF keeps runs of spaces, tabs and breaks as elements."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{_TEXT}}}s":
            parts.append(" " * _count(child.get(f"{{{_TEXT}}}c")))
        elif child.tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
        elif child.tag != f"{{{_OFFICE}}}annotation":  # a comment is not the cell's text
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def csv_table(content: bytes) -> tuple[Table, str]:
    """The rows of a CSV file, and the encoding it was read in."""
    kind = "a CSV file"
    if looks_like(content) not in ("", "a text document") or b"\x00" in content[:4096]:
        raise _not_a(content, kind)
    try:
        text, encoding = content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        # Excel's plain "CSV" is saved in Windows' own code page, not UTF-8.
        text, encoding = content.decode("cp1252", errors="replace"), "Windows-1252"
    if "\x00" in text:
        raise _not_a(content, kind)
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    counter = _RowCounter()
    table = Table("")
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            cells = cells[:MAX_COLUMNS]
            if counter.keep(number, cells):
                table.rows.append((number, cells))
    except csv.Error as error:
        raise UnreadableFile(f"This file could not be read as {kind}: {error}.") from error
    return table, encoding
