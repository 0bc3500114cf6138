"""The dashboard's figures on the seed plan, worked out here from the seed YAML itself.

On 15 January 2025 (a day on which the seed's overdue actions are told apart by their
target months) the expected figures are:

- overdue: recommendation/action (11, 1), (14, 1), (14, 2), (14, 3), (16, 1), (19, 1),
  as worked out in tests/recommendations/views/test_views.py
  (test_overdue_actions_are_marked);
- due in the next 30 days: (6, 1) alone, revised to January 2025 and delayed: January
  ends on the 31st, within 30 days; every other open action's month has ended, or is
  July 2025 (recommendation 3);
- target dates moved later: each action a progress entry revises to a later month, read
  from the YAML below with its months slipped.
"""

import calendar
import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from recommendations import services
from recommendations.models import Recommendation
from recommendations.selectors.dashboard import dashboard_figures
from recommendations.snapshots import ActionView

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 15)
SEED = yaml.safe_load(
    (Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml").read_text()
)
OVERDUE = {("11", 1), ("14", 1), ("14", 2), ("14", 3), ("16", 1), ("19", 1)}
DUE = {("6", 1)}
MONTH = re.compile(rf"({'|'.join(calendar.month_name[1:])}) (\d{{4}})")


def month_number(text: str) -> int | None:
    """Months since year 0 of the "Month YYYY" a target names, or None."""
    match = MONTH.search(text)
    if not match:
        return None
    return int(match.group(2)) * 12 + list(calendar.month_name).index(match.group(1))


def seed_actions() -> dict[tuple[str, int], dict]:
    """Each action of the YAML by (reference, number): its owners, addressee heading,
    agreement, and the months its target slipped (0 if never moved later)."""
    actions = {}
    for group in SEED["groups"]:
        for rec in group["recommendations"]:
            revised = {
                p["revises_action"]: p["target"]
                for p in rec.get("progress", [])
                if "revises_action" in p
            }
            for number, action in enumerate(rec["actions"], start=1):
                slipped = 0
                if number in revised:
                    slipped = month_number(revised[number]) - month_number(action["target"])
                actions[(rec["reference"], number)] = {
                    "owners": action["owners"],
                    "addressee": group["heading"],
                    "agreement": rec["agreement"],
                    "slipped": max(slipped, 0),
                }
    return actions


ACTIONS = seed_actions()
MOVED = {key for key, action in ACTIONS.items() if action["slipped"]}


def expected_by(key: str) -> dict[str, tuple[int, int, int, int]]:
    """(overdue, due, moved, months slipped) for each owner, addressee or agreement."""
    counts: dict[str, Counter] = {}
    for ref, action in ACTIONS.items():
        names = action["owners"] if key == "owner" else [action[key]]
        for name in names:
            count = counts.setdefault(name, Counter())
            count["overdue"] += ref in OVERDUE
            count["due"] += ref in DUE
            count["moved"] += ref in MOVED
            count["months"] += action["slipped"]
    if key == "agreement":  # every agreement is shown, "not_agreed" (none in the seed) too
        for value in ("agreed", "partly_agreed", "not_agreed"):
            counts.setdefault(value, Counter())
    return {
        name: (c["overdue"], c["due"], c["moved"], c["months"])
        for name, c in counts.items()
        if c["overdue"] or c["due"] or c["moved"] or key == "agreement"
    }


def shown(dashboard, key: str) -> dict[str, tuple[int, int, int, int]]:
    (breakdown,) = [b for b in dashboard.breakdowns if b.key == key]
    return {
        row.filters[key]: (
            row.tally.overdue,
            row.tally.due_soon,
            row.tally.moved,
            row.tally.months_slipped,
        )
        for row in breakdown.rows
    }


def test_the_yaml_moves_six_targets_later_by_54_months():
    # 1: March -> November 2024 (8); 6: June 2024 -> January 2025 (7); 11 and 16:
    # December 2023 -> December 2024 (12 each); 14's action 3: March -> October 2024 (7);
    # 19: April -> December 2024 (8).
    assert MOVED == {("1", 1), ("6", 1), ("11", 1), ("14", 3), ("16", 1), ("19", 1)}
    assert sum(a["slipped"] for a in ACTIONS.values()) == 54


def test_the_totals_on_the_seed(seeded):
    dashboard = dashboard_figures(user=seeded["reviewer"], today=TODAY)
    assert dashboard.plans == [(SEED["slug"], SEED["report"]["title"])]
    assert dashboard.actions == len(ACTIONS)
    totals = dashboard.totals
    assert (totals.overdue, totals.due_soon, totals.moved, totals.months_slipped) == (
        len(OVERDUE),
        len(DUE),
        len(MOVED),
        54,
    )
    assert dashboard.due_by == datetime.date(2025, 2, 14)


@pytest.mark.parametrize("key", ["owner", "addressee", "agreement"])
def test_each_breakdown_on_the_seed(seeded, key):
    dashboard = dashboard_figures(user=seeded["reviewer"], today=TODAY)
    assert shown(dashboard, key) == expected_by(key)


def test_by_responding_body_each_body_counts_all_of_its_plans_actions(seeded):
    dashboard = dashboard_figures(user=seeded["reviewer"], today=TODAY)
    everything = (len(OVERDUE), len(DUE), len(MOVED), 54)
    names = [b["name"] for b in SEED["bodies"]]
    (breakdown,) = [b for b in dashboard.breakdowns if b.key == "body"]
    assert sorted(r.label for r in breakdown.rows) == sorted(names)
    assert set(shown(dashboard, "body").values()) == {everything}


def test_owners_come_most_overdue_first(seeded):
    (owners,) = [
        b
        for b in dashboard_figures(user=seeded["reviewer"], today=TODAY).breakdowns
        if b.key == "owner"
    ]
    overdue = [row.tally.overdue for row in owners.rows]
    assert overdue == sorted(overdue, reverse=True)
    # 14's three actions
    assert owners.rows[0].label == "Deputy Director Probation Workforce Programme"
    assert overdue[0] == 3


def test_a_reviewers_dashboard_leaves_out_an_editors_draft(seeded):
    """Given an action the editor has drafted since the last submission, overdue on the
    day, then the editor's dashboard counts it and a reviewer's does not."""
    rec = Recommendation.objects.get(group__plan__slug=SEED["slug"], reference="3")
    services.action_add(
        recommendation=rec,
        text="A drafted action.",
        owner_names=["Head of Draft Projects"],
        target_text="October 2024",
    )
    editor = dashboard_figures(user=seeded["editor"], today=TODAY)
    reviewer = dashboard_figures(user=seeded["reviewer"], today=TODAY)

    assert editor.totals.overdue == len(OVERDUE) + 1
    assert shown(editor, "owner")["Head of Draft Projects"] == (1, 0, 0, 0)
    assert reviewer.totals.overdue == len(OVERDUE)
    assert "Head of Draft Projects" not in shown(reviewer, "owner")


def test_a_user_with_no_role_reads_no_plan(seeded, django_user_model):
    nobody = django_user_model.objects.create_user("nobody")
    dashboard = dashboard_figures(user=nobody, today=TODAY)
    assert (dashboard.plans, dashboard.actions, dashboard.totals.overdue) == ([], 0, 0)


def action(target: str, status: str = "in_progress", month=None) -> ActionView:
    return ActionView(
        id=1,
        position=1,
        text="",
        owners=[],
        target_text=target,
        target_month=month,
        status=status,
    )


@pytest.mark.parametrize(
    ("today", "due", "overdue"),
    [
        (datetime.date(2024, 12, 31), False, False),  # the month ends 31 days on
        (datetime.date(2025, 1, 1), True, False),  # ... and now 30: within 30
        (datetime.date(2025, 1, 31), True, False),  # its last day: due, not yet overdue
        (datetime.date(2025, 2, 1), False, True),
    ],
)
def test_due_soon_ends_where_overdue_begins(today, due, overdue):
    january = action("January 2025", month=datetime.date(2025, 1, 1))
    assert (january.is_due_soon(today), january.is_overdue(today)) == (due, overdue)


def test_a_closed_action_or_one_with_no_month_is_never_due():
    today = datetime.date(2025, 1, 15)
    assert not action("January 2025", "completed", datetime.date(2025, 1, 1)).is_due_soon(today)
    assert not action("Completed").is_due_soon(today)
