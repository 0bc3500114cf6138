"""The action plan table, row by row: headings, recommendations and their rows.

The columns are found by their heading text, in whatever order they stand. A row
merged across the table is a heading: an addressee ("The Ministry of Justice should:")
or, when it reads "Progress against commitments – Recommendation N (July 2024)", the
start of that round's progress entries for recommendation N. A row with a reference
starts a recommendation; the rows after it, until the next heading or reference,
carry its further actions, or its progress entries.
"""

import re
from dataclasses import dataclass, field

from ...text import single_spaced
from ..reading import ReadResult
from .cells import Block, Cell, cell_at
from .words import (
    AGREEMENT,
    COLUMNS,
    OWNER,
    RECOMMENDATION,
    REF,
    RESPONSE,
    TARGET,
    column_of,
    heading_name,
)

_PROGRESS = re.compile(
    r"^Progress(?:\s+against\s+commitments)?\s*[–—:-]?\s*Recommendation\s+(?P<ref>\S+?)\s*"
    r"\((?P<label>[^()]+)\)\s*:?$",
    re.IGNORECASE,
)


@dataclass
class Columns:
    grid: dict[str, int]  # column -> its grid column
    names: dict[str, str]  # column -> its heading, as the document words it


def find_columns(rows: list[list[Cell]]) -> tuple[int, Columns] | None:
    """(index of the heading row, the columns) if this is an action plan table."""
    for index, row in enumerate(rows[:3]):
        grid: dict[str, int] = {}
        names: dict[str, str] = {}
        for cell in row:
            key = column_of(cell.text)
            if key and key not in grid:
                grid[key] = cell.grid
                names[key] = heading_name(cell.text)
        if all(key in grid for key in COLUMNS):
            return index, Columns(grid, names)
    return None


@dataclass
class Row:
    table: int
    number: int
    columns: Columns
    cells: list[Cell]

    def cell(self, column: str) -> Cell:
        return cell_at(self.cells, self.columns.grid[column])

    def at(self, column: str) -> str:
        return f"Table {self.table}, row {self.number}, column '{self.columns.names[column]}'"

    @property
    def where(self) -> str:
        return f"Table {self.table}, row {self.number}"


@dataclass
class Section:
    """One round's progress entries for one recommendation."""

    round: str
    where: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Draft:
    """A recommendation as its rows give it, before its actions are matched up."""

    reference: str
    first: Row
    text: list[Block]
    rows: list[Row] = field(default_factory=list)
    progress: list[Section] = field(default_factory=list)


@dataclass
class GroupDraft:
    heading: str
    drafts: list[Draft] = field(default_factory=list)


def _is_header(row: list[Cell]) -> bool:
    keys = {column_of(cell.text) for cell in row}
    return all(key in keys for key in COLUMNS)


def _heading(row: list[Cell], columns: Columns) -> str | None:
    """The text of a row merged across the table (or written only in its first cell,
    in words no reference has), else None."""
    filled = [cell for cell in row if cell.filled]
    if len(filled) != 1:
        return None
    cell = filled[0]
    text = single_spaced(cell.text)
    if cell.span >= 2 and cell.grid == min(c.grid for c in row):
        return text
    if cell.grid == columns.grid[REF] and (" " in text and len(text) > 12 or _PROGRESS.match(text)):
        return text
    return None


class TableReader:
    """Reads every action plan table of a document into headings and drafts."""

    def __init__(self, result: ReadResult):
        self.result = result
        self.groups: list[GroupDraft] = []
        self.current: Draft | None = None

    def read(self, rows: list[list[Cell]], table: int, header: int, columns: Columns) -> None:
        for index, cells in enumerate(rows):
            if index <= header or not any(cell.filled for cell in cells) or _is_header(cells):
                continue
            row = Row(table, index + 1, columns, cells)
            heading = _heading(cells, columns)
            if heading is not None:
                self._heading(heading, row)
                continue
            reference = row.cell(REF)
            if reference.filled and not reference.merged_above:
                self._recommendation(row)
            elif self.current is None:
                self.result.problem(row.where, "This row is not under any recommendation")
            elif self.current.progress:
                self.current.progress[-1].rows.append(row)
            else:
                text = row.cell(RECOMMENDATION)
                if text.filled and not text.merged_above:
                    self.current.text += text.blocks  # the cell ran on into another row
                self.current.rows.append(row)

    def _heading(self, text: str, row: Row) -> None:
        if match := _PROGRESS.match(text):
            reference = match.group("ref").rstrip(".:")
            if self.current is None:
                self.result.problem(row.where, f"'{text}' is not under any recommendation")
            elif reference.casefold() != self.current.reference.casefold():
                self.result.problem(
                    row.where,
                    f"'{text}' follows recommendation {self.current.reference}, "
                    f"not recommendation {reference}",
                )
            else:
                self.current.progress.append(
                    Section(single_spaced(match.group("label")), row.where)
                )
            return
        self.groups.append(GroupDraft(text))
        self.current = None

    def _recommendation(self, row: Row) -> None:
        if not self.groups:
            self.result.problem(
                row.where,
                "No addressee heading (a row merged across the table, such as 'The Ministry "
                "of Justice should:') comes before this recommendation",
            )
            self.groups.append(GroupDraft(""))
        draft = Draft(
            reference=single_spaced(row.cell(REF).text),
            first=row,
            text=list(row.cell(RECOMMENDATION).blocks),
            rows=[row],
        )
        self.groups[-1].drafts.append(draft)
        self.current = draft


__all__ = [
    "AGREEMENT",
    "OWNER",
    "RESPONSE",
    "TARGET",
    "Columns",
    "Draft",
    "GroupDraft",
    "Row",
    "Section",
    "TableReader",
    "find_columns",
]
