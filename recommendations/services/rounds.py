"""The progress round as a task list: starting a round, marking recommendations done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import ActionPlan, Recommendation, ReportingRound, RoundCompletion
from .common import model_update, save_validated
from .progress import round_get_or_create


@transaction.atomic
def round_start(
    *,
    plan: ActionPlan,
    label: str,
    due_on: datetime.date | None,
    user=None,
    change_reason: str = "",
) -> ReportingRound:
    """Start the round called `label` ("July 2025"), due to the inspectorate on `due_on`;
    a round of that name already started gets the due date instead."""
    round_ = round_get_or_create(plan=plan, label=label, user=user)
    if model_update(instance=round_, fields=["due_on"], data={"due_on": due_on}):
        save_validated(round_, user=user, change_reason=change_reason)
    return round_


@transaction.atomic
def round_task_mark(
    *, round: ReportingRound, recommendation: Recommendation, done: bool, user=None
) -> bool:
    """Mark a recommendation's update for the round done (or not done); returns `done`.

    Marking done needs at least one progress entry in the round: a recommendation with
    nothing to report is left not started, and submitting names it."""
    if recommendation.group.plan_id != round.plan_id:
        raise ValidationError({"round": "Choose a reporting round of this plan"})
    # One mark per recommendation and round, even when two editors press at once.
    Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
    mark = RoundCompletion.objects.filter(round=round, recommendation=recommendation).first()
    if done and mark is None:
        entries = recommendation.progress_updates.filter(round=round, archived_at__isnull=True)
        if not entries.exists():
            raise ValidationError(
                {
                    "recommendation": f"Add a progress update for recommendation "
                    f"{recommendation.reference} in {round.label} before marking it done"
                }
            )
        save_validated(
            RoundCompletion(round=round, recommendation=recommendation, completed_by=user),
            user=user,
        )
    elif not done and mark is not None:
        if user is not None:
            mark._history_user = user
        mark.delete()
    return done
