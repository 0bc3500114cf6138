"""Reads of a progress round as a task list: each open recommendation and how far its
update for the round has got."""

from dataclasses import dataclass

from ..models import ActionPlan, ReportingRound, RoundCompletion, Status
from ..snapshots import PlanView, RecommendationView

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
TASK_STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    COMPLETED: "Completed",
}


@dataclass
class RoundTask:
    recommendation: RecommendationView
    heading: str
    status: str
    entries: int

    @property
    def status_label(self) -> str:
        return TASK_STATUS_LABELS[self.status]


def is_open(rec: RecommendationView) -> bool:
    """Still to report on: no actions yet, or an action not closed."""
    return not rec.actions or any(a.latest_status not in Status.closed() for a in rec.actions)


def round_tasks(*, view: PlanView, round: ReportingRound) -> list[RoundTask]:
    """Every recommendation that is open, or has an entry in this round, in plan order."""
    done = set(
        RoundCompletion.objects.filter(round=round).values_list("recommendation_id", flat=True)
    )
    tasks = []
    for group in view.groups:
        for rec in group.recommendations:
            entries = sum(len(p.updates) for p in rec.progress if p.round.id == round.pk)
            if not entries and not is_open(rec):
                continue
            if rec.id in done:
                status = COMPLETED
            else:
                status = IN_PROGRESS if entries else NOT_STARTED
            tasks.append(RoundTask(rec, group.heading, status, entries))
    return tasks


def plan_rounds(*, plan: ActionPlan) -> list[ReportingRound]:
    """The plan's rounds, latest first: the one being reported on leads."""
    return list(plan.rounds.order_by("-month"))


def round_get(*, plan: ActionPlan, pk: int) -> ReportingRound | None:
    return plan.rounds.filter(pk=pk).first()
