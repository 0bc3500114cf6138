"""Slipped and overdue actions across the plans a reader may read, and their CSV."""

import csv
import datetime
import io
from dataclasses import dataclass

from ..snapshots import PlanView


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


def slippage_rows(views: list[PlanView], *, today: datetime.date) -> list[SlippageRow]:
    """Every action that has slipped or is overdue, with its baseline and revisions."""
    rows = []
    for view in views:
        for group in view.groups:
            for rec in group.recommendations:
                for number, action in enumerate(rec.actions, start=1):
                    overdue = action.is_overdue(today)
                    if action.months_slipped <= 0 and not overdue:
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
                        )
                    )
    return rows


@dataclass
class SlippageFilters:
    """The choices the report offers, from the plans it covers."""

    plans: list[tuple[str, str]]
    owners: list[str]
    addressees: list[str]


def slippage_filters(views: list[PlanView]) -> SlippageFilters:
    return SlippageFilters(
        plans=[(v.slug, v.report_title) for v in views],
        owners=sorted({o for v in views for a in v.actions for o in a.owners}),
        addressees=sorted({g.heading for v in views for g in v.groups}),
    )


def slippage_filter(
    rows: list[SlippageRow], *, plan: str = "", owner: str = "", addressee: str = ""
) -> list[SlippageRow]:
    """The rows of one plan, owner or addressee (an empty choice keeps every row)."""
    return [
        r
        for r in rows
        if (not plan or r.plan.slug == plan)
        and (not owner or owner in r.owners)
        and (not addressee or r.addressee == addressee)
    ]


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
                "Yes" if row.overdue else "No",
                "Yes" if row.baseline_corrected else "No",
            ]
        )
    return out.getvalue()


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheets: never let data run as one.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
