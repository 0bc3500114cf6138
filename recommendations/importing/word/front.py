"""The front matter: bodies, "A Response to: <title>", caveat, milestones, introduction,
the categorisation table; and the document's own summary table.

The published front matter is a sequence of paragraphs; each is recognised by its words
("Report Published: 20 July 2023"), so a plan that leaves a part out or adds a caveat
still reads.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from ...text import single_spaced
from ..reading import ReadResult
from .cells import Block, Cell, cell_at, rich_text
from .words import agreement_of, milestone_kind

_RESPONSE_TO = re.compile(r"^A\s+Response\s+to\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_ACTION_PLAN = re.compile(r"^Action\s+Plan\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_INTRODUCTION = re.compile(r"^Introduction\s*:?$", re.IGNORECASE)
_PERIOD = re.compile(r"^Inspection\s+(?:period|dates?)\s*:\s*(.+)$", re.IGNORECASE)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MILESTONE = re.compile(
    r"^(?P<label>[^:]{2,150}?)\s*:\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})$"
)
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")

_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

BODIES, AFTER_TITLE, MILESTONES, INTRODUCTION, DONE = range(5)


@dataclass
class FrontMatter:
    """What the paragraphs before the action plan table say, read one by one."""

    result: ReadResult
    state: int = BODIES
    bodies: list[str] = field(default_factory=list)
    report_title: str = ""
    plan_title: str = ""
    inspection_period: str = ""
    caveat: list[str] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    change_notes: dict[int, list[str]] = field(default_factory=dict)
    introduction: list[Block] = field(default_factory=list)
    categorisation: list[dict] = field(default_factory=list)
    # Texts of the rest of the plan, where a name in logo capitals is written normally.
    elsewhere: list[str] = field(default_factory=list)

    def paragraph(self, block: Block, element, number: int) -> None:
        text = single_spaced(block.text)
        where = f"Paragraph {number}"
        if self.state == BODIES and not text:
            self.bodies += _picture_names(element)
            return
        if not text:
            return
        if match := _ACTION_PLAN.match(text):
            self.plan_title = match.group(1).strip()
            self.state = DONE
        elif self.state == DONE:
            return
        elif match := _RESPONSE_TO.match(text):
            self.report_title = match.group(1).strip()
            self.state = AFTER_TITLE
        elif self.state == BODIES:
            self.bodies.append(text)
        elif _INTRODUCTION.match(text):
            self.state = INTRODUCTION
        elif self.state == INTRODUCTION:
            self.introduction.append(block)
        elif match := _PERIOD.match(text):
            self.inspection_period = match.group(1).strip()
        elif match := _MILESTONE.match(text):
            self._milestone(match, where)
        elif self.state == AFTER_TITLE:
            self.caveat.append(block.text)
        else:  # after a milestone: a note on what changed in that submission
            self.change_notes.setdefault(len(self.milestones) - 1, []).append(block.text)
            label = self.milestones[-1]["label"]
            self.result.note(where, f"Read as the change note of '{label}'")

    def _milestone(self, match: re.Match, where: str) -> None:
        label = single_spaced(match.group("label"))
        month = _MONTHS.get(match.group("month").lower())
        try:
            day = datetime.date(int(match.group("year")), month or 0, int(match.group("day")))
        except ValueError:
            self.result.problem(where, f"'{match.group(0)}' does not give a real date")
            return
        self.milestones.append({"kind": milestone_kind(label), "label": label, "date": day})
        self.state = MILESTONES

    def table_seen(self) -> None:
        if self.state == INTRODUCTION:
            self.state = DONE

    def read_categorisation(self, rows: list[list[Cell]], table: int) -> bool:
        """Rows of "Term | Definition | Additional comment", if this table is that one."""
        if not rows or len(rows[0]) < 2:
            return False
        headings = [single_spaced(c.text).lower() for c in rows[0]]
        if not (headings[0].startswith("term") and "definition" in headings[1]):
            return False
        for number, row in enumerate(rows[1:], start=2):
            label = single_spaced(cell_at(row, row[0].grid).text) if row else ""
            if not label:
                continue
            term, older = agreement_of(label)
            where = f"Table {table}, row {number}, column 'Term'"
            if term is None:
                self.result.problem(where, f"'{label}' is not Agreed, Partly Agreed or Not Agreed")
                continue
            if older:
                self.result.note(where, f"The older term '{label}' is read as {term.label}")
            cells = sorted(row, key=lambda c: c.grid)
            self.categorisation.append(
                {
                    "term": term.value,
                    "definition": rich_text(cells[1].blocks) if len(cells) > 1 else "",
                    "comment": rich_text(cells[2].blocks) if len(cells) > 2 else "",
                }
            )
        self.state = DONE
        return True

    def bodies_data(self) -> list[dict]:
        """Each body by name, with the short name the front matter gives it: written
        after it ("HMPPS" in "HM Prison & Probation Service (HMPPS)"), or else an
        abbreviation of the introduction made of the capitals of its name."""
        intro = " ".join([self.report_title, rich_text(self.introduction)])
        bodies = []
        for text in self.bodies:
            name, short = text, ""
            if match := re.match(r"^(.+?)\s*\(([^()]{1,50})\)$", text):
                name, short = match.group(1), match.group(2)
            if name.isupper() and len(name) > 4:
                name = self._as_written_elsewhere(name)
            if not short:
                capitals = "".join(ch for ch in name if ch.isupper())
                short = next((a for a in _ABBREVIATION.findall(intro) if a.upper() == capitals), "")
            body = {"name": name}
            if short:
                body["short_name"] = short
            bodies.append(body)
        return bodies

    def _as_written_elsewhere(self, name: str) -> str:
        """Logo lettering in capitals ("COUNTER TERRORISM POLICING") as the plan writes
        the name elsewhere, or else in title case: noted either way."""
        pattern = re.compile(re.escape(name).replace(r"\ ", r"\s+"), re.IGNORECASE)
        for text in self.elsewhere:
            for match in pattern.finditer(text):
                if not match.group(0).isupper():
                    written = single_spaced(match.group(0))
                    self.result.note("Front matter", f"'{name}' is read as '{written}'")
                    return written
        self.result.note("Front matter", f"'{name}' is read as '{name.title()}'")
        return name.title()

    def data(self) -> dict:
        data: dict = {}
        if not self.report_title:
            self.result.problem(
                "Front matter", "No 'A Response to: <report title>' line: the report is not named"
            )
        data["title"] = self.plan_title or self.report_title
        if self.report_title and not self.plan_title:
            self.result.note(
                "Front matter", "No 'Action plan: <title>' line: the report's title is used"
            )
        report: dict = {"title": self.report_title}
        published = [m for m in self.milestones if m["kind"] == "report_published"]
        if published:
            report["published"] = published[0]["date"]
        if self.inspection_period:
            report["inspection_period"] = self.inspection_period
        data["report"] = report
        data["bodies"] = self.bodies_data()
        if not data["bodies"]:
            self.result.note("Front matter", "No responding bodies are named before the title")
        if self.caveat:
            data["caveat"] = "\n\n".join(self.caveat)
        for index, notes in self.change_notes.items():
            if index >= 0:
                self.milestones[index]["change_note"] = "\n\n".join(notes)
        data["milestones"] = self.milestones
        if self.introduction:
            data["introduction"] = rich_text(self.introduction)
        if self.categorisation:
            data["categorisation"] = self.categorisation
        return data


def _picture_names(element) -> list[str]:
    """The descriptions of logos (pictures) in a paragraph: the bodies' names."""
    names = []
    for doc_pr in element.iter(f"{{{_DRAWING}}}docPr"):
        name = single_spaced(doc_pr.get("descr") or doc_pr.get("title") or "")
        if name:
            names.append(name)
    return names


def read_summary(rows: list[list[Cell]]) -> dict[str, int] | None:
    """The document's own summary table (Agreed 20, …, Total 21), if this table is one."""
    counts: dict[str, int] = {}
    for row in rows:
        cells = [c for c in sorted(row, key=lambda c: c.grid) if c.filled]
        if len(cells) != 2:
            continue
        label, number = single_spaced(cells[0].text), single_spaced(cells[1].text)
        if not number.isdigit():
            continue
        term, _older = agreement_of(label)
        key = term.value if term else ("total" if label.lower() == "total" else None)
        if key:
            counts[key] = int(number)
    return counts if "total" in counts or len(counts) >= 2 else None
