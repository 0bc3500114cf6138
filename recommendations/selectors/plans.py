"""Reads across plans: the plans list and every plan a user may read."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .. import permissions
from ..models import ActionPlan, Milestone, ResponsibleBody, Status
from ..snapshots import PlanView
from .submissions import version_snapshot
from .versions import plan_versions


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
        versions = plan_versions(user=user, plan=plan)
    except PermissionDenied:
        return None
    view = version_snapshot(versions=versions)
    counts: dict[str, int] = {}
    for action in view.actions:
        counts[action.latest_status] = counts.get(action.latest_status, 0) + 1
    return PlanRow(
        plan=plan,
        view=view,
        last_submission=versions.latest,
        status_counts=[(s.value, s.label, counts[s.value]) for s in Status if s.value in counts],
        overdue=sum(a.is_overdue(today) for a in view.actions),
        editable=versions.can_edit,
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


def plan_rows(*, user, today: datetime.date, filters: dict) -> list[PlanRow]:
    """The plans list: every plan this user may read that matches the filters."""
    rows = []
    for plan in plan_list():
        row = plan_row_for(user=user, plan=plan, today=today)
        if row and plan_row_matches(row, **filters, today=today):
            rows.append(row)
    return rows


def visible_snapshots(*, user) -> list[PlanView]:
    """Every plan this user may read, each at the version they may read."""
    views = []
    for plan in plan_list():
        try:
            versions = plan_versions(user=user, plan=plan)
        except PermissionDenied:
            continue
        views.append(version_snapshot(versions=versions))
    return views


def bodies_for_new_plan(*, user) -> QuerySet[ResponsibleBody]:
    """The bodies this user may create a plan for: an editor's own, or all for admins."""
    if permissions.role_of(user) == permissions.ADMIN:
        return ResponsibleBody.objects.all()
    return ResponsibleBody.objects.filter(id__in=permissions.body_ids_of(user))


def categorisation_definitions(*, plan: ActionPlan) -> dict[str, str]:
    """The plan's categorisation table as hints for the agreement question."""
    return {t.term: t.definition for t in plan.categorisation.all()}
