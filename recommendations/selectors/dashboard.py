"""The dashboard's figures: across every plan a user may read (each at the version they
may read), the actions overdue, due soon and with target dates moved later, in all and
by owner, responding body, addressee and agreement.

Each figure counts actions exactly as the slippage report (review/slippage.py) lists
them, and carries that report's filters, so the figure's link lists what it counts.
"""

import datetime
from dataclasses import dataclass, field

from ..models import Agreement
from ..snapshots import DUE_SOON_DAYS, ActionView, PlanView
from .plans import visible_snapshots


@dataclass
class Tally:
    """Actions counted four ways (an action may be in more than one count)."""

    overdue: int = 0
    due_soon: int = 0
    moved: int = 0  # actions whose current target is later than first agreed
    months_slipped: int = 0  # the moved actions' months, added up

    def add(self, action: ActionView, today: datetime.date) -> None:
        self.overdue += action.is_overdue(today)
        self.due_soon += action.is_due_soon(today)
        if action.months_slipped > 0:
            self.moved += 1
            self.months_slipped += action.months_slipped

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.moved)


@dataclass
class BreakdownRow:
    label: str
    # The slippage report's filters that list this row's actions (e.g. {"owner": name}).
    filters: dict[str, str]
    tally: Tally = field(default_factory=Tally)


@dataclass
class Breakdown:
    key: str  # the slippage report's filter: owner, body, addressee, agreement
    title: str  # "By owner"
    noun: str  # the table's first column: "Owner"
    rows: list[BreakdownRow]
    # Open lists (owners, addressees) keep only rows with something to show.
    leaves_out_empty: bool = False


@dataclass
class Dashboard:
    today: datetime.date
    due_by: datetime.date  # "due soon" ends on this day
    plans: list[tuple[str, str]]  # each plan counted: (slug, report title)
    actions: int
    totals: Tally
    breakdowns: list[Breakdown]


def dashboard_figures(*, user, today: datetime.date) -> Dashboard:
    """The dashboard of every plan this user may read, on this day."""
    return dashboard_from_snapshots(views=visible_snapshots(user=user), today=today)


def dashboard_from_snapshots(*, views: list[PlanView], today: datetime.date) -> Dashboard:
    totals = Tally()
    owners: dict[str, BreakdownRow] = {}
    addressees: dict[str, BreakdownRow] = {}
    bodies: dict[str, BreakdownRow] = {}
    agreements = {
        value: BreakdownRow(label=label, filters={"agreement": value})
        for value, label in Agreement.choices
    }
    for view in views:
        plan_bodies = [
            bodies.setdefault(str(b.pk), BreakdownRow(label=b.name, filters={"body": str(b.pk)}))
            for b in view.bodies
        ]
        for group in view.groups:
            heading = group.heading
            addressee = addressees.setdefault(
                heading, BreakdownRow(label=heading, filters={"addressee": heading})
            )
            for rec in group.recommendations:
                for action in rec.actions:
                    # An action counts once for each of its owners and each of its plan's
                    # bodies: those rows add up to more than the total, by design.
                    rows = [totals, addressee.tally, agreements[rec.agreement].tally]
                    rows += [body.tally for body in plan_bodies]
                    rows += [
                        owners.setdefault(
                            name, BreakdownRow(label=name, filters={"owner": name})
                        ).tally
                        for name in dict.fromkeys(action.owners)
                    ]
                    for tally in rows:
                        tally.add(action, today)
    return Dashboard(
        today=today,
        due_by=today + datetime.timedelta(days=DUE_SOON_DAYS),
        plans=[(view.slug, view.report_title) for view in views],
        actions=sum(len(view.actions) for view in views),
        totals=totals,
        breakdowns=[
            Breakdown(
                "owner", "By owner", "Owner", _busiest(owners.values()), leaves_out_empty=True
            ),
            Breakdown("body", "By responding body", "Responding body", _by_label(bodies.values())),
            Breakdown(
                "addressee",
                "By addressee",
                "Addressee",
                _busiest(addressees.values()),
                leaves_out_empty=True,
            ),
            Breakdown("agreement", "By agreement", "Agreement", list(agreements.values())),
        ],
    )


def _busiest(rows) -> list[BreakdownRow]:
    """Rows with something to show, the most overdue first (then due soon, then moved)."""
    kept = [r for r in rows if not r.tally.is_empty]
    return sorted(
        kept, key=lambda r: (-r.tally.overdue, -r.tally.due_soon, -r.tally.moved, r.label)
    )


def _by_label(rows) -> list[BreakdownRow]:
    return sorted(rows, key=lambda r: r.label)
