"""Reading an action plan from Word (.docx): the published layout and its family.

`read_docx(file)` gives a `ReadResult`: the plan data (the shape `yaml_plan.plan_import`
writes), every problem with where it is ("Table 2, row 14, column 'Target Date'") and
notes on what was read by judgement. The document is walked in order: front matter
paragraphs (`front`), then every action plan table, found by its column headings
(`table`), whose rows are matched up into actions and progress entries (`matching`,
`build`, `owners`); the document's own summary table is compared with what was read.
A file that is not a Word plan raises `UnreadableFile`; no library error escapes.
Imports models and the core helpers, like the rest of `importing`.
"""

import logging

from django.utils.text import slugify

from ...models import Agreement
from ...summary import Summary, numbering_gaps
from ..reading import ReadResult, UnreadableFile
from .build import RecommendationReader
from .cells import body_items
from .front import FrontMatter, read_summary
from .opening import open_document
from .owners import OwnerNames
from .table import TableReader, find_columns
from .words import COLUMN_NAMES

logger = logging.getLogger(__name__)

NO_PLAN_TABLE = "The document has no action plan table: no table has the columns " + ", ".join(
    COLUMN_NAMES.values()
)


def read_docx(file, *, slug: str | None = None, known_owners=()) -> ReadResult:
    """Read a Word plan (bytes or a binary file). `slug` names the plan (else one is made
    from the report's title); `known_owners` are role names the tracker knows already,
    used with those of the document to split owners run together in one cell."""
    document = open_document(file)
    try:
        return _read(document, slug=slug, known_owners=known_owners)
    except UnreadableFile:
        raise
    except Exception as error:  # a document shaped as no plan is: never a server error
        logger.exception("A Word document could not be read as a plan")
        raise UnreadableFile(
            "The Word document could not be read as an action plan: its tables are not "
            "laid out as a plan's are"
        ) from error


def _read(document, *, slug, known_owners) -> ReadResult:
    result = ReadResult(data={})
    front = FrontMatter(result)
    tables = TableReader(result)
    summary, summary_where = None, ""
    table_number = paragraph_number = plan_tables = 0
    for kind, item in body_items(document):
        if kind == "p":
            paragraph_number += 1
            if not plan_tables:
                front.paragraph(*item, paragraph_number)
            continue
        table_number += 1
        front.table_seen()
        if found := find_columns(item):
            plan_tables += 1
            tables.read(item, table_number, found[0], found[1])
        elif not plan_tables:
            front.read_categorisation(item, table_number)
        elif summary is None and (summary := read_summary(item)):
            summary_where = f"Table {table_number}"
    if not plan_tables:
        raise UnreadableFile(NO_PLAN_TABLE)

    front.elsewhere = [group.heading for group in tables.groups]
    data: dict = {}
    data.update(front.data())
    reader = RecommendationReader(OwnerNames(tables.groups, known_owners), result)
    groups = []
    seen: set[str] = set()
    for group in tables.groups:
        recommendations = []
        for draft in group.drafts:
            if draft.reference.casefold() in seen:
                result.problem(
                    draft.first.at("ref"), f"Recommendation {draft.reference} appears twice"
                )
            seen.add(draft.reference.casefold())
            recommendations.append(reader.read(draft))
        groups.append({"heading": group.heading, "recommendations": recommendations})
    data["rounds"] = [
        {"label": label, "month": month} for label, month in reader.rounds.items() if month
    ]
    data["groups"] = groups
    data["slug"] = slug or _slug(data, result)
    _compare_summary(groups, summary, summary_where, result)
    result.data = data
    return result


def _slug(data: dict, result: ReadResult) -> str:
    words = slugify(data["report"].get("title", "") or data.get("title", "")) or "plan"
    if len(words) > 80:
        words = words[:80].rsplit("-", 1)[0]
    published = data["report"].get("published")
    slug = f"{words}-{published.year}" if published else words
    result.note("Front matter", f"The plan's address is made from its title: '{slug}'")
    return slug


def _compare_summary(groups, summary, where: str, result: ReadResult) -> None:
    """The document's own summary against the recommendations read: its arithmetic
    may be wrong, so differences are notes, never problems."""
    recommendations = [rec for group in groups for rec in group["recommendations"]]
    counts = dict.fromkeys(Agreement.values, 0)
    for rec in recommendations:
        counts[rec["agreement"]] += 1
    computed = Summary(counts["agreed"], counts["partly_agreed"], counts["not_agreed"])
    gaps = numbering_gaps([rec["reference"] for rec in recommendations])
    if gaps:
        missing = ", ".join(gaps)
        result.note(
            "Action plan table",
            f"Recommendation numbering skips {missing}: the plan is read without "
            f"{'it' if len(gaps) == 1 else 'them'}, and nothing is filled in",
        )
    if not summary:
        return
    for key, label in (
        ("agreed", "Agreed"),
        ("partly_agreed", "Partly Agreed"),
        ("not_agreed", "Not Agreed"),
    ):
        if key in summary and summary[key] != getattr(computed, key):
            result.note(
                where,
                f"The document's summary counts {summary[key]} {label}; "
                f"the action plan table has {getattr(computed, key)}",
            )
    if "total" in summary and summary["total"] != computed.total:
        result.note(
            where,
            f"The document's summary counts {summary['total']} recommendations in total; "
            f"the action plan table has {computed.total}",
        )
