"""Reads of what has been archived, for the administrators who restore it."""

from typing import NamedTuple

from ..models import Action, ActionPlan, AddresseeGroup, ProgressUpdate, Recommendation

ARCHIVABLE = {
    "group": AddresseeGroup,
    "recommendation": Recommendation,
    "action": Action,
    "progress": ProgressUpdate,
}
# Where each kind's plan is, from the item.
PLAN_PATHS = {
    AddresseeGroup: "plan",
    Recommendation: "group__plan",
    Action: "recommendation__group__plan",
    ProgressUpdate: "recommendation__group__plan",
}


def archivable_describe(instance: AddresseeGroup | Recommendation | Action | ProgressUpdate) -> str:
    """How an archivable item is named on the pages: "action 2 of recommendation 7"."""
    if isinstance(instance, AddresseeGroup):
        return f"the heading “{instance.heading}” and its recommendations"
    if isinstance(instance, Recommendation):
        return f"recommendation {instance.reference}"
    if isinstance(instance, Action):
        return (
            f"action {instance.position + 1} of recommendation {instance.recommendation.reference}"
        )
    return f"a progress update on recommendation {instance.recommendation.reference}"


def _plan_path(model) -> str:
    return PLAN_PATHS[model]


def _plan_of(instance) -> ActionPlan:
    item = instance
    for step in _plan_path(type(instance)).split("__"):
        item = getattr(item, step)
    return item


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
    instance: AddresseeGroup | Recommendation | Action | ProgressUpdate
    description: str
    plan: ActionPlan


def archived_items() -> list[ArchivedItem]:
    """Everything archived, most recently archived first."""
    items = []
    for kind, model in ARCHIVABLE.items():
        path = _plan_path(model)
        for instance in model.objects.filter(archived_at__isnull=False).select_related(path):
            items.append(
                ArchivedItem(kind, instance, archivable_describe(instance), _plan_of(instance))
            )
    items.sort(key=lambda item: item.instance.archived_at, reverse=True)
    return items
