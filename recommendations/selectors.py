"""Reads: a plan as a whole, its computed summary and its numbering gaps."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from . import targets
from .models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    ProgressUpdate,
    Recommendation,
    Status,
)


@dataclass(frozen=True)
class Summary:
    """The closing table of a published plan, computed from the data, never typed."""

    agreed: int
    partly_agreed: int
    not_agreed: int

    @property
    def total(self) -> int:
        return self.agreed + self.partly_agreed + self.not_agreed


def plan_list() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related("report").prefetch_related("bodies")


def plan_recommendations(*, plan: ActionPlan) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(group__plan=plan).order_by(
        "group__position", "position", "id"
    )


def plan_summary(*, plan: ActionPlan) -> Summary:
    counts = plan_recommendations(plan=plan).aggregate(
        agreed=Count("id", filter=Q(agreement=Agreement.AGREED)),
        partly_agreed=Count("id", filter=Q(agreement=Agreement.PARTLY_AGREED)),
        not_agreed=Count("id", filter=Q(agreement=Agreement.NOT_AGREED)),
    )
    return Summary(**counts)


_WHOLE_NUMBER = re.compile(r"^\s*(\d+)\s*$")


def numbering_gaps(references: list[str]) -> list[str]:
    """Whole numbers missing from 1 to the highest whole-number reference.

    Paragraph references ("S40", "1.46") have no expected sequence, so they are
    never reported as gaps; a plan numbered 1 to N reports every number it skips.
    """
    numbers = {int(m.group(1)) for ref in references if (m := _WHOLE_NUMBER.match(ref))}
    if not numbers:
        return []
    return [str(n) for n in range(1, max(numbers) + 1) if n not in numbers]


def plan_numbering_gaps(*, plan: ActionPlan) -> list[str]:
    return numbering_gaps(list(plan_recommendations(plan=plan).values_list("reference", flat=True)))


def plan_detail(*, slug: str) -> ActionPlan:
    """A plan with everything its published table shows, in a fixed number of queries."""
    actions = Action.objects.order_by("position", "id").prefetch_related(
        "owners", Prefetch("revisions", queryset=_revisions())
    )
    updates = (
        ProgressUpdate.objects.select_related("round")
        .prefetch_related("owners")
        .order_by("round__month", "position", "id")
    )
    recommendations = Recommendation.objects.order_by("position", "id").prefetch_related(
        Prefetch("actions", queryset=actions),
        Prefetch("progress_updates", queryset=updates),
    )
    groups = AddresseeGroup.objects.order_by("position", "id").prefetch_related(
        Prefetch("recommendations", queryset=recommendations)
    )
    return (
        ActionPlan.objects.select_related("report")
        .prefetch_related(
            "bodies",
            "milestones",
            "categorisation",
            "rounds",
            Prefetch("groups", queryset=groups),
        )
        .get(slug=slug)
    )


def _revisions() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.select_related("round").order_by("round__month", "position", "id")


@dataclass(frozen=True)
class Target:
    text: str
    month: datetime.date | None


def action_current_target(*, action: Action) -> Target:
    """The latest revised target of an action, or its original one if never revised."""
    revisions = list(action.revisions.all())
    if revisions:
        latest = revisions[-1]
        return Target(latest.target_text, latest.target_month)
    return Target(action.target_text, action.target_month)


def action_months_slipped(*, action: Action) -> int:
    """Months from the original target to the current one (0 if never moved)."""
    current = action_current_target(action=action)
    if action.target_month is None or current.month is None:
        return 0
    return targets.months_between(action.target_month, current.month)


def action_is_overdue(*, action: Action, today: datetime.date) -> bool:
    if action.status in Status.closed():
        return False
    revisions = list(action.revisions.all())
    if revisions and revisions[-1].status in Status.closed():
        return False
    current = action_current_target(action=action)
    return current.month is not None and targets.month_end(current.month) < today
