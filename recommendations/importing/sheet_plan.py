"""The spreadsheet template's "Action plan" table, row by row, into groups of
recommendations with their actions and progress entries (see docs/spreadsheet-template.md).
"""

from ..models import Agreement, ReasonCategory, Status
from . import sheet_values as cell
from .reading import ReadResult

# A recommendation's own columns: read from its first row, blank or the same after it.
OWN = {
    "recommendation": "text",
    "agreement": "agreement",
    "reasons": "reasons",
    "rationale": "rationale",
    "response": "response",
    "response_after": "response_after",
}
ENTRY_FIELDS = ["action_number", "text", "owners", "target", "status", "round"]
ENTRY_FIELDS += ["revises_action", "revision_reason"]


class ActionPlanReader:
    """Reads the action plan table's rows in order; `finish` gives the plan's groups."""

    def __init__(self, data: dict, result: ReadResult, columns: dict, sheet: str):
        self.data = data
        self.result = result
        self.columns = columns  # field -> (index, heading as written)
        self.sheet = sheet  # "Sheet 'Action plan'", or "" in a CSV file
        self.rounds = {r.get("label") for r in data.get("rounds", [])}
        self.groups: list[dict] = []
        self.headings: dict[str, int] = {}  # heading -> its first row
        self.references: dict[str, int] = {}  # reference -> its first row
        self.group: dict | None = None
        self.rec: dict | None = None
        self.rec_row: dict = {}  # the recommendation's first row, by field
        self.revisions: list = []  # (rec, number, revises, row) checked at the end
        self.slugs: dict[str, int] = {}

    def where(self, number: int, field: str) -> str:
        _index, heading = self.columns.get(field, (None, field))
        return cell.where(self.sheet, number, heading)

    def problem(self, number: int, field: str, message: str) -> None:
        self.result.problem(self.where(number, field), message)

    def row(self, number: int, cells: list) -> None:
        values = {
            field: cells[index] if index < len(cells) else None
            for field, (index, _heading) in self.columns.items()
        }
        if not any(cell.line(v) for v in values.values()):
            return
        slug = cell.line(values.get("plan"))
        if slug:
            self.slugs.setdefault(slug, number)
        heading = cell.line(values["heading"])
        if not heading and self.group is None:
            self.problem(number, "heading", "the heading this row comes under is missing")
            return
        if heading and heading != (self.group or {}).get("heading"):
            self._start_group(number, heading)
        reference = cell.line(values["reference"])
        if reference and reference != (self.rec or {}).get("reference"):
            self._start_recommendation(number, reference, values)
        elif self.rec is None:
            if any(cell.line(values.get(f)) for f in ENTRY_FIELDS + list(OWN)):
                self.problem(number, "reference", "the recommendation's reference is missing")
            return
        else:
            self._same_recommendation(number, values)
        self._entry(number, values)

    def _start_group(self, number: int, heading: str) -> None:
        if heading in self.headings:
            self.problem(
                number,
                "heading",
                f"this heading's rows must be together: it was used before, at row "
                f"{self.headings[heading]}",
            )
        self.headings.setdefault(heading, number)
        self.group = {"heading": heading, "recommendations": []}
        self.groups.append(self.group)
        self.rec = None

    def _start_recommendation(self, number: int, reference: str, values: dict) -> None:
        if reference in self.references:
            self.problem(
                number,
                "reference",
                f"reference '{reference}' is used again: it was first used at row "
                f"{self.references[reference]}, and each recommendation needs its own",
            )
        self.references.setdefault(reference, number)
        rec: dict = {"reference": reference}
        rec["text"] = cell.text(values["recommendation"])
        if not rec["text"].strip():
            self.problem(number, "recommendation", "the recommendation's text is missing")
        try:
            rec["agreement"] = cell.choice(Agreement, values["agreement"], "Agreement")
        except cell.CellProblem as problem:
            self.problem(number, "agreement", str(problem))
        for field in ("rationale", "response"):
            rec[field] = cell.text(values.get(field))
        reasons = []
        for written in cell.names(values.get("reasons")):
            try:
                reasons.append(cell.choice(ReasonCategory, written, "A reason"))
            except cell.CellProblem as problem:
                self.problem(number, "reasons", str(problem))
        rec["reasons"] = reasons
        rec["actions"] = []
        rec["response_after"] = cell.text(values.get("response_after"))
        rec["progress"] = []
        self.rec = rec
        self.rec_row = {field: (number, cell.text(values.get(field))) for field in OWN}
        self.group["recommendations"].append(rec)

    def _same_recommendation(self, number: int, values: dict) -> None:
        for field in OWN:
            written = cell.text(values.get(field))
            first_row, first = self.rec_row[field]
            if written.strip() and written != first:
                self.problem(
                    number,
                    field,
                    f"this differs from the recommendation's first row (row {first_row}): "
                    "leave it blank on the rows after the first",
                )

    def _entry(self, number: int, values: dict) -> None:
        kind = cell.key(values["entry"])
        if kind == "action":
            self._action(number, values)
        elif kind.startswith("progress"):
            self._progress(number, values)
        elif kind:
            written = cell.line(values["entry"])
            self.problem(number, "entry", f"'{written}' is not an entry: write Action or Progress")
        elif any(cell.line(values.get(f)) for f in ENTRY_FIELDS):
            self.problem(number, "entry", "say whether this row is an Action or a Progress entry")

    def _checked(self, number: int, field: str, read, *args, **kwargs):
        try:
            return read(*args, **kwargs)
        except cell.CellProblem as problem:
            self.problem(number, field, str(problem))
            return None

    def _action(self, number: int, values: dict) -> None:
        actions = self.rec["actions"]
        given = self._checked(number, "action_number", cell.number, values.get("action_number"))
        if given is not None and given != len(actions) + 1:
            self.problem(
                number,
                "action_number",
                f"this is action {len(actions) + 1} of recommendation "
                f"{self.rec['reference']}, not {given}: number the actions 1, 2, 3 in order",
            )
        action = {"text": cell.text(values["text"])}
        action["owners"] = cell.names(values["owners"])
        target = self._checked(number, "target", cell.target, values["target"])
        if target == "":
            self.problem(
                number, "target", "an action needs a target date, or a word such as Completed"
            )
        action["target"] = target or ""
        status = Status.IN_PROGRESS.value
        if cell.line(values["status"]):
            status = self._checked(
                number, "status", cell.choice, Status, values["status"], "A status"
            )
        action["status"] = status or Status.IN_PROGRESS.value
        actions.append(action)

    def _progress(self, number: int, values: dict) -> None:
        entry: dict = {"round": cell.line(values["round"])}
        if not entry["round"]:
            self.problem(number, "round", "a progress entry needs the round it reports in")
        elif entry["round"] not in self.rounds:
            self.problem(
                number,
                "round",
                f"round '{entry['round']}' is not listed in 'About the plan': add it there "
                "with its month",
            )
        entry["text"] = cell.text(values["text"])
        if not entry["text"].strip():
            self.problem(number, "text", "the progress entry's text is missing")
        entry["owners"] = cell.names(values["owners"])
        revises = self._checked(number, "revises_action", cell.number, values.get("revises_action"))
        target = self._checked(
            number, "target", cell.target, values["target"], needs_month=revises is not None
        )
        entry["target"] = target or ""
        entry["status"] = self._checked(
            number, "status", cell.choice, Status, values["status"], "A status"
        )
        if revises is not None:
            entry["revises_action"] = revises
            self.revisions.append((self.rec, revises, number))
        entry["revision_reason"] = cell.text(values.get("revision_reason"))
        self.rec["progress"].append(entry)

    def finish(self) -> list[dict]:
        """The groups read, once every row is in: checks that need the whole table."""
        for rec, revises, number in self.revisions:
            if revises > len(rec["actions"]):
                count = len(rec["actions"])
                self.problem(
                    number,
                    "revises_action",
                    f"recommendation {rec['reference']} has no action {revises}: it has "
                    f"{count} action{'s' if count != 1 else ''}",
                )
        about_slug = self.data.get("slug")
        for slug, number in self.slugs.items():
            if about_slug and slug != about_slug:
                self.problem(
                    number, "plan", f"this row is for plan '{slug}', the file for '{about_slug}'"
                )
        if not about_slug and len(self.slugs) == 1:
            self.data["slug"] = next(iter(self.slugs))
        elif not about_slug and len(self.slugs) > 1:
            first, second = list(self.slugs.items())[:2]
            self.problem(second[1], "plan", f"rows name two plans: '{first[0]}' and '{second[0]}'")
        return [_tidy_group(group) for group in self.groups]


def _tidy_group(group: dict) -> dict:
    return {
        "heading": group["heading"],
        "recommendations": [_tidy(rec) for rec in group["recommendations"]],
    }


def _tidy(value):
    """Plan data leaves out what is empty, as the YAML files and plan_data_from_snapshot
    do; a recommendation always lists its actions and progress, even none."""
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, dict):
        keep = {"actions", "progress", "owners", "text"}
        return {k: _tidy(v) for k, v in value.items() if k in keep or v not in ("", None, [])}
    return value
