"""Reads: the plans list, the versions each reader may see, slippage and form choices."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery

from . import permissions
from .models import (
    ActionPlan,
    Milestone,
    ProgressUpdate,
    Recommendation,
    Status,
)
from .snapshots import PlanView, plan_snapshot


def plan_list() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related("report").prefetch_related("bodies")


@dataclass
class PlanRow:
    """A line of the plans list: the version of the plan this user may read."""

    plan: ActionPlan
    view: PlanView
    last_submission: Milestone | None
    status_counts: list[tuple[str, str, int]]
    overdue: int
    editable: bool


def plan_row_for(*, user, plan: ActionPlan, today: datetime.date) -> PlanRow | None:
    try:
        as_of = permissions.visible_as_of(user, plan)
    except PermissionDenied:
        return None
    view = plan_snapshot(plan=plan, as_of=as_of)
    counts: dict[str, int] = {}
    for action in view.actions:
        counts[action.latest_status] = counts.get(action.latest_status, 0) + 1
    return PlanRow(
        plan=plan,
        view=view,
        last_submission=permissions.latest_submission(plan),
        status_counts=[(s.value, s.label, counts[s.value]) for s in Status if s.value in counts],
        overdue=sum(a.is_overdue(today) for a in view.actions),
        editable=as_of is None,
    )


def plan_row_matches(
    row: PlanRow, *, q: str = "", body=None, status: str = "", today: datetime.date
) -> bool:
    """Filter by responding body, action status (or overdue) and free text."""
    if body and body.pk not in {b.pk for b in row.view.bodies}:
        return False
    if status == "overdue" and not row.overdue:
        return False
    if status and status != "overdue" and not any(v == status for v, _, _ in row.status_counts):
        return False
    if q:
        needle = q.casefold()
        haystack = [row.view.report_title, row.view.title] + [
            text
            for rec in row.view.recommendations
            for text in [rec.text, rec.response, *(a.text for a in rec.actions)]
        ]
        if not any(needle in text.casefold() for text in haystack):
            return False
    return True


def visible_snapshots(user) -> list[PlanView]:
    """Every plan this user may read, each at the version they may read."""
    views = []
    for plan in plan_list():
        try:
            as_of = permissions.visible_as_of(user, plan)
        except PermissionDenied:
            continue
        views.append(plan_snapshot(plan=plan, as_of=as_of))
    return views


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
                        )
                    )
    return rows


@dataclass(frozen=True)
class ActionChoice:
    id: int
    current_target_text: str


def recommendation_actions(*, recommendation: Recommendation) -> list[ActionChoice]:
    """A recommendation's actions with their current targets, without reading the plan.

    The current target is the one set by the action's latest revision, if any (one
    query: the progress form needs this on every view and every save).
    """
    latest_revision = (
        ProgressUpdate.objects.filter(revises_action=OuterRef("pk"), archived_at__isnull=True)
        .order_by("-round__month", "-position", "-id")
        .values("target_text")[:1]
    )
    rows = (
        recommendation.actions.filter(archived_at__isnull=True)
        .order_by("position", "id")
        .annotate(revised_target=Subquery(latest_revision))
        .values_list("id", "target_text", "revised_target")
    )
    return [
        ActionChoice(pk, target if revised is None else revised) for pk, target, revised in rows
    ]
