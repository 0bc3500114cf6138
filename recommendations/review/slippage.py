"""Slipped, overdue and soon-due actions across the plans a reader may read, and their CSV.

The dashboard's figures link here: each filter below narrows the rows to exactly the
actions a figure counts (selectors/dashboard.py counts them the same way)."""

import csv
import datetime
import io
from dataclasses import dataclass

from ..snapshots import DUE_SOON_DAYS, PlanView


@dataclass
class SlippageRow:
    plan: PlanView
    addressee: str
    reference: str
    recommendation_id: int
    number: int
    owners: list[str]
    baseline: str
    current: str
    months_slipped: int
    times_revised: int
    reasons: list[str]
    overdue: bool
    baseline_corrected: bool = False  # an administrator overwrote the baseline, with a reason
    due_soon: bool = False  # open, and its current target month ends within DUE_SOON_DAYS
    agreement: str = ""  # its recommendation's agreement status


def slippage_rows(views: list[PlanView], *, today: datetime.date) -> list[SlippageRow]:
    """Every action that has slipped, is overdue or is due soon, with its baseline and
    revisions."""
    rows = []
    for view in views:
        for group in view.groups:
            for rec in group.recommendations:
                for number, action in enumerate(rec.actions, start=1):
                    overdue = action.is_overdue(today)
                    due_soon = action.is_due_soon(today)
                    if action.months_slipped <= 0 and not overdue and not due_soon:
                        continue
                    rows.append(
                        SlippageRow(
                            plan=view,
                            addressee=group.heading,
                            reference=rec.reference,
                            recommendation_id=rec.id,
                            number=number,
                            owners=action.owners,
                            baseline=action.target_text,
                            current=action.current_target_text,
                            months_slipped=max(action.months_slipped, 0),
                            times_revised=len(action.revisions),
                            reasons=[r.revision_reason for r in action.revisions],
                            overdue=overdue,
                            baseline_corrected=action.baseline_corrected,
                            due_soon=due_soon,
                            agreement=rec.agreement,
                        )
                    )
    return rows


@dataclass
class SlippageFilters:
    """The choices the report offers, from the plans it covers."""

    plans: list[tuple[str, str]]
    owners: list[str]
    addressees: list[str]
    bodies: list[tuple[str, str]]  # (id, name)


def slippage_filters(views: list[PlanView]) -> SlippageFilters:
    return SlippageFilters(
        plans=[(v.slug, v.report_title) for v in views],
        owners=sorted({o for v in views for a in v.actions for o in a.owners}),
        addressees=sorted({g.heading for v in views for g in v.groups}),
        bodies=sorted({(str(b.pk), b.name) for v in views for b in v.bodies}, key=lambda b: b[1]),
    )


def slippage_filter(
    rows: list[SlippageRow],
    *,
    plan: str = "",
    owner: str = "",
    addressee: str = "",
    body: str = "",
    agreement: str = "",
) -> list[SlippageRow]:
    """The rows of one plan, owner, addressee, responding body (an action counts for
    every body of its plan) or agreement status; an empty choice keeps every row."""
    return [
        r
        for r in rows
        if (not plan or r.plan.slug == plan)
        and (not owner or owner in r.owners)
        and (not addressee or r.addressee == addressee)
        and (not body or body in {str(b.pk) for b in r.plan.bodies})
        and (not agreement or r.agreement == agreement)
    ]


# The report's tables: which rows each holds. With no choice it shows the first two.
TABLES = {
    "slipped": lambda row: row.months_slipped > 0,
    "overdue": lambda row: row.overdue,
    "due": lambda row: row.due_soon,
}
DEFAULT_TABLES = ("slipped", "overdue")


def slippage_tables(rows: list[SlippageRow], *, show: str = "") -> dict[str, list[SlippageRow]]:
    """The tables to show (one, if `show` names it), each with its rows."""
    shown = (show,) if show in TABLES else DEFAULT_TABLES
    return {name: [r for r in rows if TABLES[name](r)] for name in shown}


CSV_HEADER = [
    "Report",
    "Plan",
    "Addressee",
    "Recommendation",
    "Action",
    "Owners",
    "Baseline target",
    "Current target",
    "Months slipped",
    "Times revised",
    "Reasons",
    f"Due within {DUE_SOON_DAYS} days",
    "Overdue",
    "Corrected baseline",
]


def slippage_csv(rows: list[SlippageRow]) -> str:
    """The rows as CSV, each action once, with no cell a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    seen = set()
    for row in rows:
        if id(row) in seen:
            continue
        seen.add(id(row))
        writer.writerow(
            [
                _csv_safe(row.plan.report_title),
                row.plan.slug,
                _csv_safe(row.addressee),
                row.reference,
                row.number,
                _csv_safe("; ".join(row.owners)),
                _csv_safe(row.baseline),
                _csv_safe(row.current),
                row.months_slipped,
                row.times_revised,
                _csv_safe("; ".join(row.reasons)),
                "Yes" if row.due_soon else "No",
                "Yes" if row.overdue else "No",
                "Yes" if row.baseline_corrected else "No",
            ]
        )
    return out.getvalue()


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheets: never let data run as one.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
