"""The spreadsheet template's "About the plan" table: the front matter, one field a row.

A responding body, milestone, term or round starts with the row naming it ("Milestone",
"Report Published"); the rows under it give its other fields ("Milestone date"). See
docs/spreadsheet-template.md. Plan data leaves out what is empty, as the YAML files do.
"""

from collections.abc import Callable

from ..models import Agreement, MilestoneKind
from . import sheet_values as cell
from .reading import ReadResult

ABOUT = "About the plan"

# Fields said once, and where each goes in the plan data.
SINGLE = {
    "plan": ("slug",),
    "plantitle": ("title",),
    "reporttitle": ("report", "title"),
    "reportpublished": ("report", "published"),
    "inspectionperiod": ("report", "inspection_period"),
    "caveat": ("caveat",),
    "introduction": ("introduction",),
}
# The row that starts each kind of item, and the fields of the rows that follow it.
ITEMS = {
    "respondingbody": ("bodies", "name"),
    "milestone": ("milestones", "label"),
    "term": ("categorisation", "term"),
    "round": ("rounds", "label"),
}
ITEM_FIELDS = {
    "shortname": ("bodies", "short_name"),
    "logotext": ("bodies", "logo_alt"),
    "milestonekind": ("milestones", "kind"),
    "milestonedate": ("milestones", "date"),
    "changenote": ("milestones", "change_note"),
    "definition": ("categorisation", "definition"),
    "comment": ("categorisation", "comment"),
    "roundmonth": ("rounds", "month"),
}
STARTERS = {"bodies": "Responding body", "milestones": "Milestone", "categorisation": "Term"}
STARTERS["rounds"] = "Round"
REQUIRED = {
    "milestones": {"kind": "Milestone kind", "date": "Milestone date"},
    "categorisation": {"definition": "Definition"},
    "rounds": {"month": "Round month"},
}

# How each item field is read: one-line text, several lines, or a checked value.
READERS = {
    "name": cell.line,
    "short_name": cell.line,
    "logo_alt": cell.line,
    "label": cell.line,
    "kind": lambda v: cell.choice(MilestoneKind, v, "A milestone kind"),
    "date": cell.date,
    "change_note": cell.text,
    "term": lambda v: cell.choice(Agreement, v, "A term"),
    "definition": cell.text,
    "comment": cell.text,
    "month": cell.month,
}

Where = Callable[[int, str], str]


def read_about(rows: list[tuple[int, str, object]], result: ReadResult, where: Where) -> dict:
    """The front matter from (row number, field, value) rows; problems go to `result`."""
    data: dict = {"report": {}}
    seen: dict[str, int] = {}
    items: dict[str, list[dict]] = {kind: [] for kind, _ in ITEMS.values()}
    current: tuple[str, dict] | None = None
    for number, field, value in rows:
        name = cell.key(field)
        if name in SINGLE:
            if name in seen:
                result.problem(where(number, "Field"), f"'{field}' is given twice: keep one")
                continue
            seen[name] = number
            _single(data, SINGLE[name], value, result, where(number, "Value"))
        elif name in ITEMS:
            kind, first = ITEMS[name]
            current = (kind, {first: (number, value)})
            items[kind].append(current[1])
        elif name in ITEM_FIELDS:
            kind, attribute = ITEM_FIELDS[name]
            if current is None or current[0] != kind:
                result.problem(
                    where(number, "Field"),
                    f"'{field}' must come under the '{STARTERS[kind]}' row it belongs to",
                )
            elif attribute in current[1]:
                result.problem(where(number, "Field"), f"'{field}' is given twice: keep one")
            else:
                current[1][attribute] = (number, value)
        elif name:
            result.problem(where(number, "Field"), f"'{field}' is not a field of the template")
        elif cell.line(value):
            result.problem(where(number, "Field"), "the field's name is missing")
    for kind, found in items.items():
        if found:
            data[kind] = [_item(kind, item, result, where) for item in found]
    labels: set[str] = set()
    for item, read in zip(items["rounds"], data.get("rounds", []), strict=True):
        label = read.get("label")
        if label and label in labels:  # a round with no label is a problem of its own
            result.problem(where(item["label"][0], "Value"), f"round '{label}' is listed twice")
        labels.add(label)
    if "title" not in data:
        result.problem(ABOUT, "'Plan title' is missing: a plan cannot be made without it")
    if "title" not in data["report"]:
        result.problem(ABOUT, "'Report title' is missing: a plan cannot be made without it")
    return data


def _single(data: dict, path: tuple, value, result: ReadResult, where: str) -> None:
    target = data["report"] if path[0] == "report" else data
    if path[-1] == "published":
        if value not in (None, "") and cell.line(value):
            try:
                target["published"] = cell.date(value)
            except cell.CellProblem as problem:
                result.problem(where, str(problem))
        return
    one_line = path[-1] in ("slug", "title", "inspection_period")
    written = cell.line(value) if one_line else cell.text(value)
    if written:
        target[path[-1]] = written


def _item(kind: str, item: dict, result: ReadResult, where: Where) -> dict:
    """One body, milestone, term or round, each field read and checked where it is."""
    starter = next(iter(item.values()))[0]
    read = {}
    for attribute, (number, value) in item.items():
        try:
            read[attribute] = READERS[attribute](value)
        except cell.CellProblem as problem:
            result.problem(where(number, "Value"), str(problem))
            read[attribute] = None
    first = next(iter(item))
    if read[first] == "":
        result.problem(where(starter, "Value"), f"the {STARTERS[kind].lower()} has no name")
    for attribute, label in REQUIRED.get(kind, {}).items():
        if read.get(attribute, "") == "":
            where_missing = where(item.get(attribute, (starter,))[0], "Value")
            result.problem(
                where_missing, f"'{label}' is missing under this {STARTERS[kind].lower()}"
            )
    return {k: v for k, v in read.items() if v not in ("", None)}
