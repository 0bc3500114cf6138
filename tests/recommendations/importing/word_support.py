"""Word documents for the reader's tests, built with python-docx directly.

`seed_docx()` is the seed plan as the department published it in Word, rebuilt from
its transcription (fixtures/ct-joint-inspection-2023.yaml, itself verbatim from the
published text) and laid out as the published document is, quirks included: headings
and progress rows merged across the table; several actions as paragraphs of one cell
with their dates as paragraphs of the Target Date cell; dates on rows of their own
beside merged cells (recommendation 8); three owners run together in one cell
(recommendation 3); owner cells merged down; non-breaking spaces in the milestone
lines; the document's own summary table, whose arithmetic is wrong (21, 20 Agreed).

It is written independently of the tracker's own Word export, so that reading it
tests the reader against the published layout, not against the exporter.
`WordPlan` builds smaller documents of the same family for the variants.
"""

import io
from pathlib import Path

import docx
import yaml
from django.conf import settings
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SEED = Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml"

PUBLISHED_HEADINGS = [
    "1. Rec No",
    "2. Recommendation",
    "3. Agreed/ Partly Agreed/ Not Agreed",
    "4. Response Action Taken/Planned",
    "5. Responsible Owner",
    "6. Target Date",
]
KEYS = ["ref", "rec", "agreement", "response", "owner", "target"]
NBSP = "\u00a0"


def seed_data() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def paragraphs(text: str) -> list:
    """Rich text as a cell's paragraphs: "- item" lines become ("bullet", item)."""
    out: list = []
    for block in (text or "").split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            out += [("bullet", line[2:]) for line in lines]
        elif block:
            out.append(block)
    return out


class WordPlan:
    """A Word document in the published layout, built cell by cell."""

    def __init__(self):
        self.document = docx.Document()
        self.table = None
        self.order = KEYS

    def paragraph(self, text: str = "", *, bold_tail: str = "", style=None) -> None:
        paragraph = self.document.add_paragraph(style=style)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        if bold_tail:
            paragraph.add_run(bold_tail).bold = True

    def simple_table(self, rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=0, cols=len(rows[0]))
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value

    def plan_table(self, headings=PUBLISHED_HEADINGS, order=KEYS) -> None:
        """Start the action plan table; `order` says which column each heading is."""
        self.order = order
        self.table = self.document.add_table(rows=1, cols=len(headings))
        for cell, heading in zip(self.table.rows[0].cells, headings, strict=True):
            cell.text = heading

    def merged_row(self, text: str) -> None:
        cells = self.table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = text

    def row(self, merged_above=(), **contents) -> None:
        """A row: contents by key (a string, or a list of paragraphs: strings, ""
        for a blank paragraph, ("bullet", text)); keys in merged_above continue the
        cell above (vMerge), as Word writes a cell merged down."""
        cells = self.table.add_row().cells
        for key, cell in zip(self.order, cells, strict=True):
            if key in merged_above:
                _merge_down(self.table, len(self.table.rows) - 1, self.order.index(key))
                continue
            value = contents.get(key, [])
            _fill(cell, [value] if isinstance(value, str) else value)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _fill(cell, items: list) -> None:
    first = True
    for item in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if isinstance(item, tuple):
            paragraph.style = "List Bullet"
            item = item[1]
        paragraph.add_run(item)


def _merge_down(table, row_index: int, column: int) -> None:
    above = table.rows[row_index - 1].cells[column]._tc.get_or_add_tcPr()
    if above.find(qn("w:vMerge")) is None:
        start = OxmlElement("w:vMerge")
        start.set(qn("w:val"), "restart")
        above.append(start)
    here = table.rows[row_index].cells[column]._tc.get_or_add_tcPr()
    here.append(OxmlElement("w:vMerge"))


def _owners_cell(owners: list[str]) -> list[str]:
    # The published cells run several roles together in one line (recommendation 3).
    return [" ".join(owners)]


def _action_rows(plan: WordPlan, rec: dict) -> None:
    """The recommendation's rows, as published: a new row only where the owner
    changes (recommendation 15) or, in recommendation 8, for each further date."""
    runs: list[list[dict]] = []
    for action in rec["actions"]:
        if runs and runs[-1][-1]["owners"] == action["owners"]:
            runs[-1].append(action)
        else:
            runs.append([action])
    for index, run in enumerate(runs):
        first, last = index == 0, index == len(runs) - 1
        response = []
        if first:
            response += paragraphs(rec.get("rationale", "")) + paragraphs(rec.get("response", ""))
        for action in run:
            response += paragraphs(action["text"])
        if last:
            response += paragraphs(rec.get("response_after", ""))
        rec_cells = (
            {"ref": rec["reference"], "rec": rec["text"], "agreement": _AGREEMENT[rec["agreement"]]}
            if first
            else {}
        )
        merged = () if first else ("ref", "rec", "agreement")
        dates = [a["target"] for a in run]
        if rec["reference"] == "8":  # the further dates stand on rows of their own
            plan.row(
                **rec_cells,
                response=response,
                owner=_owners_cell(run[0]["owners"]),
                target=dates[:1],
            )
            for date in dates[1:]:
                plan.row(
                    merged_above=("ref", "rec", "agreement", "response", "owner"), target=[date]
                )
            continue
        plan.row(
            merged,
            **rec_cells,
            response=response,
            owner=_owners_cell(run[0]["owners"]),
            target=dates,
        )


_AGREEMENT = {"agreed": "Agreed", "partly_agreed": "Partly Agreed", "not_agreed": "Not Agreed"}

# How the published document lays out the progress entries of some recommendations:
# which entries share a row, whether the owner cell is merged down from the row above,
# and (recommendation 15's last row) dates set level with their paragraphs.
_PROGRESS_ROWS = {
    "8": [[0], [1, 2]],
    "15": [[0], [1], [2, 3]],
    "18": [[0], [1]],
}


def _progress_rows(plan: WordPlan, rec: dict, marked: dict[str, str]) -> None:
    entries = rec["progress"]
    plan.merged_row(
        f"Progress against commitments – Recommendation {rec['reference']} ({entries[0]['round']})"
    )

    def target_of(entry: dict) -> list[str]:
        return [entry["target"]] + (
            [marked[rec["reference"]]]
            if rec["reference"] in marked and entry.get("revises_action")
            else []
        )

    if rec["reference"] == "7":  # four paragraphs, then the dates on rows of their own
        response = [p for e in entries for p in paragraphs(e["text"])]
        plan.row(
            response=response,
            owner=_owners_cell(entries[0]["owners"]),
            target=target_of(entries[0]),
        )
        for entry in entries[1:]:
            plan.row(merged_above=("response", "owner"), target=target_of(entry))
        return
    for index, row in enumerate(_PROGRESS_ROWS.get(rec["reference"], [list(range(len(entries)))])):
        shown = [entries[i] for i in row]
        if rec["reference"] == "15" and len(row) > 1:  # dates level with their paragraphs
            response, owners, targets = [], [], []
            for entry in shown:
                texts = paragraphs(entry["text"])
                response += texts
                owners += entry["owners"] + [""] * (len(texts) - 1)
                targets += target_of(entry) + [""] * (len(texts) - 1)
            plan.row(response=response, owner=owners, target=targets)
            continue
        response = [p for e in shown for p in paragraphs(e["text"])]
        targets = [t for e in shown for t in target_of(e)]
        merged_owner = index > 0 and rec["reference"] in ("8", "18")
        plan.row(
            ("owner",) if merged_owner else (),
            response=response,
            owner=_owners_cell(shown[0]["owners"]),
            target=targets,
        )


def seed_docx(marked_revisions: dict[str, str] | None = None) -> bytes:
    """The seed plan as published in Word. `marked_revisions` adds, by recommendation,
    a line under a progress entry's date, as a department answering the reader's
    question would ("(revised from March 2024: …)")."""
    data = seed_data()
    marked = marked_revisions or {}
    plan = WordPlan()
    plan.paragraph("HM Prison &\nProbation Service")
    plan.paragraph("", bold_tail="")
    plan.paragraph("COUNTER\nTERRORISM\nPOLICING")
    plan.paragraph("A Response to: ", bold_tail=data["report"]["title"])
    plan.paragraph(f"Report Published:{NBSP}20 July 2023")
    plan.paragraph("Action Plan Submitted: 28 July 2023")
    plan.paragraph(f"Updated Action Plan Submitted: 11{NBSP}October{NBSP}2023")
    plan.paragraph(f"12 Month Update Action Plan Submitted: 09{NBSP}August 2024")
    plan.paragraph("INTRODUCTION")
    plan.paragraph(data["introduction"])
    plan.simple_table(
        [["Term", "Definition", "Additional comment"]]
        + [[_AGREEMENT[t["term"]], t["definition"], t["comment"]] for t in data["categorisation"]]
    )
    plan.paragraph("")
    plan.paragraph(f"ACTION PLAN: {data['title']}")
    plan.plan_table()
    for group in data["groups"]:
        plan.merged_row(group["heading"])
        for rec in group["recommendations"]:
            _action_rows(plan, rec)
            _progress_rows(plan, rec, marked)
    plan.paragraph("")
    plan.simple_table(
        [
            ["Recommendations", ""],
            ["Agreed", "20"],
            ["Partly Agreed", "1"],
            ["Not Agreed", "0"],
            ["Total", "21"],
        ]
    )
    return plan.bytes()


# The two revisions whose reasons the published text gives in words no rule can find,
# as the department would mark them when the reader asks.
SEED_MARKED_REVISIONS = {
    "14": "(revised from March 2024: contingent on the completion and business approval of "
    "the NSD Activity Review. This has taken longer than expected)",
    "19": "(revised from April 2024: absorbed by the Pathfinder Reform programme)",
}
