"""Submitting a plan to the inspectorate: the moment that fixes what reviewers read,
and the plan as submitted, frozen (see `freezing`)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import ActionPlan, Milestone
from ..notifications.tasks import submission_made
from ..snapshots import plan_snapshot
from ..text import single_spaced
from .common import position_after, save_validated
from .freezing import submission_freeze


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
    save_validated(milestone, user=user, change_reason=change_note[:200])
    # Frozen from the live plan, which now includes this milestone (its history record
    # is dated a moment after submitted_at). Rendering the PDF here takes seconds.
    submission_freeze(milestone=milestone, view=plan_snapshot(plan=plan))
    # Reviewers are emailed once the submission has committed.
    submission_made(milestone.pk)
    return milestone
