"""Reads of what has been archived, for the administrators who restore it."""

from typing import NamedTuple

from ..models import Action, ActionPlan, ProgressUpdate, Recommendation

ARCHIVABLE = {"recommendation": Recommendation, "action": Action, "progress": ProgressUpdate}


def archivable_describe(instance: Recommendation | Action | ProgressUpdate) -> str:
    """How an archivable item is named on the pages: "action 2 of recommendation 7"."""
    if isinstance(instance, Recommendation):
        return f"recommendation {instance.reference}"
    if isinstance(instance, Action):
        return (
            f"action {instance.position + 1} of recommendation {instance.recommendation.reference}"
        )
    return f"a progress update on recommendation {instance.recommendation.reference}"


def _plan_path(model) -> str:
    return "group__plan" if model is Recommendation else "recommendation__group__plan"


def archivable_get(*, kind: str, pk: int, plan: ActionPlan | None = None, archived: bool):
    """The item of this kind and id (in this plan, if given), archived or not; None if
    there is none."""
    model = ARCHIVABLE.get(kind)
    if model is None:
        return None
    lookup = {"pk": pk, "archived_at__isnull": not archived}
    if plan is not None:
        lookup[_plan_path(model)] = plan
    return model.objects.filter(**lookup).first()


class ArchivedItem(NamedTuple):
    kind: str
    instance: Recommendation | Action | ProgressUpdate
    description: str
    plan: ActionPlan


def archived_items() -> list[ArchivedItem]:
    """Everything archived, most recently archived first."""
    items = []
    for kind, model in ARCHIVABLE.items():
        path = _plan_path(model)
        for instance in model.objects.filter(archived_at__isnull=False).select_related(path):
            plan = (
                instance.group.plan
                if model is Recommendation
                else instance.recommendation.group.plan
            )
            items.append(ArchivedItem(kind, instance, archivable_describe(instance), plan))
    items.sort(key=lambda item: item.instance.archived_at, reverse=True)
    return items
