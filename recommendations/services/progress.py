"""Writes to reporting rounds and the progress entries made in them."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import targets
from ..models import ActionPlan, ProgressUpdate, Recommendation, ReportingRound
from ..text import single_spaced
from .common import create_with_owners, lock_current, model_update, save_validated, set_in_order
from .owners import owners_from_names


@transaction.atomic
def round_get_or_create(*, plan: ActionPlan, label: str, user=None) -> ReportingRound:
    """The plan's reporting round called `label` ("July 2025"), made if new."""
    label = single_spaced(label)
    found = plan.rounds.filter(label__iexact=label).first()
    if found:
        return found
    # A new round: lock the plan, so that two editors starting the same round make it
    # once, and look again, as another editor may have made it while this one waited.
    ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    found = plan.rounds.filter(label__iexact=label).first()
    if found:
        return found
    month = targets.parse_month(label)
    if month is None:
        raise ValidationError(
            {"round": "Enter the reporting round as a month and year, such as July 2025"}
        )
    return save_validated(ReportingRound(plan=plan, label=label, month=month), user=user)


@transaction.atomic
def progress_update_add(
    *,
    recommendation: Recommendation,
    round_label: str,
    text: str,
    owner_names: Sequence[str],
    status: str,
    target_text: str = "",
    revises_action_id: int | None = None,
    revision_reason: str = "",
    user=None,
    change_reason: str = "",
) -> ProgressUpdate:
    """Add a progress entry, starting its round if new and making new owners' roles.

    A revised target date is recorded here, on the entry, never on the action, so the
    original target survives. Everything is written in this one transaction: a refusal
    leaves no new round or owner behind.
    """
    plan = recommendation.group.plan
    round_ = round_get_or_create(plan=plan, label=round_label, user=user)
    owners = owners_from_names(names=owner_names, user=user)
    revises = _revised_action(recommendation, revises_action_id)
    update = ProgressUpdate(
        recommendation=recommendation,
        round=round_,
        position=recommendation.progress_updates.filter(round=round_).count(),
        text=text,
        status=status,
        target_text=target_text,
        revises_action=revises,
        revision_reason=revision_reason,
    )
    return create_with_owners(update, owners, user=user, change_reason=change_reason)


def _revised_action(recommendation: Recommendation, action_id: int | None):
    """The recommendation's live action an entry revises, or None if it revises none."""
    if action_id is None:
        return None
    found = recommendation.actions.filter(pk=action_id, archived_at__isnull=True).first()
    if found is None:
        raise ValidationError({"revises_action": "Choose an action of this recommendation"})
    return found


# What an editor may change on an entry: not its recommendation, round or position.
PROGRESS_FIELDS = ("text", "status", "target_text", "revises_action", "revision_reason")


@transaction.atomic
def progress_update_update(
    *,
    update: ProgressUpdate,
    data: Mapping[str, Any],
    owner_names: Sequence[str] | None = None,
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> ProgressUpdate:
    """Change any of PROGRESS_FIELDS (`revises_action_id` names the action revised, or
    None), and the owners when `owner_names` is given; refused if someone saved the
    entry since `version`. A revision keeps needing its new date and its reason."""
    update = lock_current(update, version)
    owners = owners_from_names(names=owner_names, user=user) if owner_names is not None else None
    data = dict(data)
    if "revises_action_id" in data:
        data["revises_action"] = _revised_action(
            update.recommendation, data.pop("revises_action_id")
        )
    if "target_text" in model_update(instance=update, fields=PROGRESS_FIELDS, data=data):
        update.target_month = None  # re-derived from the words by clean()
    save_validated(update, user=user, change_reason=change_reason)
    if owners is not None:
        set_in_order(update, "owners", owners)
    return update
