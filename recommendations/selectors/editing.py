"""Reads that edit forms need: current targets, rounds, the categorisation hints."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from ..models import ActionPlan, Milestone, ProgressUpdate, Recommendation


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


def round_labels(*, plan: ActionPlan) -> list[str]:
    """The plan's reporting rounds, earliest first."""
    return list(plan.rounds.values_list("label", flat=True))


def baselines_fixed(*, plan: ActionPlan) -> bool:
    """Whether the plan has been submitted: its actions' targets are then baselines,
    revised with a reason, never overwritten (services.baselines)."""
    return Milestone.objects.filter(plan=plan, submitted_at__isnull=False).exists()
