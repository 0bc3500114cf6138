"""Baselines: an action's original target, kept once the plan has been submitted.

Before a plan's first submission an action's target is a draft and edits freely. After
it the target is the baseline that slippage is measured from: a later date is a
revision with its reason (a progress entry revising the action, as a progress update's
revision is), and only an administrator may overwrite the baseline itself, to correct
one typed wrongly, with a reason kept on the action and in its history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Action, ActionPlan, Milestone, ProgressUpdate
from ..text import single_spaced
from .common import lock_current, save_validated
from .progress import progress_update_add

REVISE_INSTEAD = (
    "The plan has been submitted, so this target date is the baseline reviewers measure "
    "slippage from and cannot be changed here. Use “Revise the target date” and give the "
    "reason for the new date"
)


def _baseline_locked(*, plan: ActionPlan) -> bool:
    """Whether the plan has been submitted, fixing its actions' targets as baselines."""
    return Milestone.objects.filter(plan=plan, submitted_at__isnull=False).exists()


def refuse_baseline_change(*, action: Action, target_text: str) -> None:
    """Refuse a new target for an action of a submitted plan (the baseline is kept)."""
    if single_spaced(target_text) == single_spaced(action.target_text):
        return
    if _baseline_locked(plan=action.recommendation.group.plan):
        raise ValidationError({"target_text": REVISE_INSTEAD})


def current_status(*, action: Action) -> str:
    """The action's status as reported: its latest revision's, or its own."""
    latest = (
        ProgressUpdate.objects.filter(revises_action=action, archived_at__isnull=True)
        .order_by("-round__month", "-position", "-id")
        .values_list("status", flat=True)
        .first()
    )
    return latest or action.status


@transaction.atomic
def action_target_revise(
    *,
    action: Action,
    target_text: str,
    reason: str,
    round_label: str,
    user=None,
    change_reason: str = "",
) -> ProgressUpdate:
    """Move an action's target to a later (or earlier) date, explained: a progress entry
    revising the action, in the round named (started if new). The entry's text is the
    reason as written, its owners the action's, its status the action's current one;
    the action's own target, the baseline, is untouched."""
    if not single_spaced(reason):
        raise ValidationError({"revision_reason": "Enter the reason the target date has changed"})
    rows = action.owners.through.objects.filter(action=action).order_by("id")
    owner_names = [row.owner.name for row in rows.select_related("owner")]
    return progress_update_add(
        recommendation=action.recommendation,
        round_label=round_label,
        text=reason,
        owner_names=owner_names,
        status=current_status(action=action),
        target_text=target_text,
        revises_action_id=action.pk,
        revision_reason=reason,
        user=user,
        change_reason=change_reason or f"Target date revised: {single_spaced(reason)}",
    )


@transaction.atomic
def action_baseline_correct(
    *,
    action: Action,
    target_text: str,
    reason: str,
    version: str | None = None,
    user=None,
) -> Action:
    """An administrator overwrites a baseline typed wrongly: the action's own target is
    changed, marked as a corrected baseline, with the reason on it and in its history."""
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied("Only an administrator may correct a baseline target date")
    reason = single_spaced(reason)
    if not reason:
        raise ValidationError(
            {"baseline_correction_reason": "Enter why the baseline target date was wrong"}
        )
    action = lock_current(action, version)
    action.target_text = target_text
    action.target_month = None  # re-derived from the words by clean()
    action.baseline_corrected_at = timezone.now()
    action.baseline_correction_reason = reason
    return save_validated(action, user=user, change_reason=f"Baseline corrected: {reason}")
