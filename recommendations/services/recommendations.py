"""Writes to recommendations and their actions."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction

from ..models import Action, AddresseeGroup, Agreement, Recommendation, Status
from .baselines import refuse_baseline_change
from .common import (
    create_with_owners,
    lock_current,
    model_update,
    position_after,
    save_validated,
    set_in_order,
)
from .owners import owners_from_names

# What an editor may change: nothing the system keeps (position, archiving, the month
# derived from the target's words).
RECOMMENDATION_FIELDS = Recommendation.EDITABLE_FIELDS
ACTION_FIELDS = ("text", "target_text", "status")


@transaction.atomic
def recommendation_add(
    *,
    group: AddresseeGroup,
    reference: str,
    text: str,
    agreement: str = Agreement.AGREED,
    rationale: str = "",
    reasons: Iterable[str] = (),
    response: str = "",
    response_after: str = "",
    user=None,
    change_reason: str = "",
) -> Recommendation:
    rec = Recommendation(
        group=group,
        position=position_after(group.recommendations.all()),
        reference=reference,
        text=text,
        agreement=agreement,
        rationale=rationale,
        response=response,
        response_after=response_after,
    )
    rec.reasons = reasons
    return save_validated(rec, user=user, change_reason=change_reason)


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> Recommendation:
    """Change any of RECOMMENDATION_FIELDS; refused if someone saved it since `version`."""
    recommendation = lock_current(recommendation, version)
    model_update(instance=recommendation, fields=RECOMMENDATION_FIELDS, data=data)
    if recommendation.agreement == Agreement.AGREED:
        # A reason explains a part not agreed: an agreed recommendation keeps none.
        recommendation.reasons = ()
    return save_validated(recommendation, user=user, change_reason=change_reason)


@transaction.atomic
def action_add(
    *,
    recommendation: Recommendation,
    text: str,
    owner_names: Sequence[str],
    target_text: str,
    status: str = Status.IN_PROGRESS,
    user=None,
    change_reason: str = "",
) -> Action:
    owners = owners_from_names(names=owner_names, user=user)
    action = Action(
        recommendation=recommendation,
        position=recommendation.actions.count(),
        text=text,
        target_text=target_text,
        status=status,
    )
    return create_with_owners(action, owners, user=user, change_reason=change_reason)


@transaction.atomic
def action_update(
    *,
    action: Action,
    data: Mapping[str, Any],
    owner_names: Sequence[str] | None = None,
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> Action:
    """Change any of ACTION_FIELDS, and the owners when `owner_names` is given.

    Once the plan has been submitted the target is the baseline: a new one is refused
    beside the target field (see services.baselines for the revision that replaces it).
    """
    action = lock_current(action, version)
    if "target_text" in data:
        refuse_baseline_change(action=action, target_text=data["target_text"])
    owners = owners_from_names(names=owner_names, user=user) if owner_names is not None else None
    if "target_text" in model_update(instance=action, fields=ACTION_FIELDS, data=data):
        action.target_month = None  # re-derived from the words by clean()
    save_validated(action, user=user, change_reason=change_reason)
    if owners is not None:
        set_in_order(action, "owners", owners)
    return action
