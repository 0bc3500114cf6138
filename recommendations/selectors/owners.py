"""Reads about responsible owners, across the plans a user may read."""

from dataclasses import dataclass

from ..models import Action, Owner, ProgressUpdate
from ..snapshots import ActionView, PlanView, ProgressView, RecommendationView


def owner_names() -> list[str]:
    """Every role named so far, for the owner fields' suggestions."""
    return list(Owner.objects.order_by("name").values_list("name", flat=True))


def action_owner_names(*, action: Action) -> list[str]:
    """An action's owners in the order the cell names them."""
    rows = action.owners.through.objects.filter(action=action).order_by("id")
    return [row.owner.name for row in rows.select_related("owner")]


def progress_owner_names(*, update: ProgressUpdate) -> list[str]:
    """A progress entry's owners in the order the cell names them."""
    rows = update.owners.through.objects.filter(progressupdate=update).order_by("id")
    return [row.owner.name for row in rows.select_related("owner")]


def owner_action_counts(*, views: list[PlanView]) -> list[tuple[Owner, int]]:
    """Each owner named in these plans, with how many actions they hold."""
    counts: dict[str, int] = {}
    for view in views:
        for action in view.actions:
            for name in action.owners:
                counts[name] = counts.get(name, 0) + 1
    return [
        (owner, counts[owner.name])
        for owner in Owner.objects.filter(name__in=counts).order_by("name")
    ]


@dataclass
class OwnerHolding:
    """What one owner holds in one plan: actions (with their numbers) and progress."""

    plan: PlanView
    actions: list[tuple[RecommendationView, int, ActionView]]
    updates: list[tuple[RecommendationView, ProgressView]]


def owner_holdings(*, owner: Owner, views: list[PlanView]) -> list[OwnerHolding]:
    holdings = []
    for view in views:
        actions = [
            (rec, index + 1, action)
            for rec in view.recommendations
            for index, action in enumerate(rec.actions)
            if owner.name in action.owners
        ]
        updates = [
            (rec, update)
            for rec in view.recommendations
            for rnd in rec.progress
            for update in rnd.updates
            if owner.name in update.owners
        ]
        if actions or updates:
            holdings.append(OwnerHolding(view, actions, updates))
    return holdings
