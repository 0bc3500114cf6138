"""Submitting a plan to the inspectorate: the moment that fixes what reviewers read."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import ActionPlan, Milestone
from ..text import single_spaced
from .common import position_after, save_validated


@transaction.atomic
def plan_submit(
    *,
    plan: ActionPlan,
    kind: str,
    label: str,
    date: datetime.date,
    change_note: str = "",
    user=None,
) -> Milestone:
    """Submit the plan as it stands now: reviewers see this version until the next one."""
    milestone = Milestone(
        plan=plan,
        kind=kind,
        label=single_spaced(label),
        date=date,
        position=position_after(plan.milestones.all()),
        submitted_at=timezone.now(),
        submitted_by=user,
        change_note=change_note,
    )
    if not milestone.is_submission:
        raise ValidationError({"kind": "Choose what is being submitted"})
    if not milestone.label:
        raise ValidationError(
            {
                "label": "Enter the milestone as it will be published, such as "
                "“Action Plan Submitted”"
            }
        )
    return save_validated(milestone, user=user, change_reason=change_note[:200])
