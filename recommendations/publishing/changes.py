"""Which plans a saved record shows in, so that each changed plan is rendered again.

Every edit goes through a service that saves with history, so a history record is the
one sign of a change that no write path can forget to give. Each plan a transaction
touches gets a `PlanEdit` row in that transaction (its edit stamp: see `downloads`), and
after the transaction commits (a change rolled back asks for nothing) asks once for a
render (`background.plan_changed_soon`). Records shared between plans (an owner, a
responding body, a report) count for every plan they appear in.
"""

from django.db import connection, transaction

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    Owner,
    PlanEdit,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    RoundCompletion,
)
from .background import plan_changed_soon


def _plans_of(instance) -> set[int]:
    if isinstance(instance, ActionPlan):
        return {instance.pk}
    if isinstance(instance, Milestone | CategorisationTerm | AddresseeGroup | ReportingRound):
        return {instance.plan_id}
    if isinstance(instance, Recommendation):
        plans = AddresseeGroup.objects.filter(pk=instance.group_id)
        return set(plans.values_list("plan_id", flat=True))
    if isinstance(instance, Action | ProgressUpdate):
        plans = Recommendation.objects.filter(pk=instance.recommendation_id)
        return set(plans.values_list("group__plan_id", flat=True))
    if isinstance(instance, RoundCompletion):
        return set(
            ReportingRound.objects.filter(pk=instance.round_id).values_list("plan_id", flat=True)
        )
    if isinstance(instance, Owner):
        by_actions = ActionPlan.objects.filter(groups__recommendations__actions__owners=instance)
        by_progress = ActionPlan.objects.filter(
            groups__recommendations__progress_updates__owners=instance
        )
        return set(by_actions.values_list("pk", flat=True)) | set(
            by_progress.values_list("pk", flat=True)
        )
    if isinstance(instance, ResponsibleBody):
        return set(instance.action_plans.values_list("pk", flat=True))
    if isinstance(instance, InspectionReport):
        return set(ActionPlan.objects.filter(report=instance).values_list("pk", flat=True))
    return set()  # the inspectorate's records and the like are not published


class _Pending:
    """The plans changed in the current transaction, asked for once when it commits."""

    def __init__(self):
        self.plan_ids: set[int] = set()

    def __call__(self):
        for plan_id in sorted(self.plan_ids):
            plan_changed_soon(plan_id=plan_id)


def _pending_for_this_transaction() -> _Pending:
    # Django forgets on-commit callbacks when their transaction (or savepoint) commits or
    # rolls back, so a _Pending still registered at this very savepoint depth belongs to
    # the block now open. (One per depth: a few more asks, all coalesced, never fewer.)
    here = set(connection.savepoint_ids)
    for savepoints, callback, _ in connection.run_on_commit:
        if isinstance(callback, _Pending) and savepoints == here:
            return callback
    pending = _Pending()
    transaction.on_commit(pending, robust=True)
    return pending


def history_saved(sender, instance, history_instance=None, **kwargs) -> None:
    """simple_history's post_create_historical_record (and its m2m sibling) receiver."""
    plan_ids = _plans_of(instance)
    if not plan_ids:
        return
    if not connection.in_atomic_block:  # autocommit: the change is in already
        for plan_id in sorted(plan_ids):
            PlanEdit.objects.create(plan_id=plan_id)
            plan_changed_soon(plan_id=plan_id)
        return
    pending = _pending_for_this_transaction()
    for plan_id in sorted(plan_ids - pending.plan_ids):
        PlanEdit.objects.create(plan_id=plan_id)  # commits, or rolls back, with the change
    pending.plan_ids.update(plan_ids)
