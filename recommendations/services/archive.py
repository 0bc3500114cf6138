"""Archiving instead of deleting: the item leaves the plan, its history stays."""

from django.db import transaction
from django.utils import timezone

from ..models import Action, AddresseeGroup, ProgressUpdate, Recommendation
from .common import save_validated

Archivable = AddresseeGroup | Recommendation | Action | ProgressUpdate


@transaction.atomic
def archive(*, instance: Archivable, user=None, change_reason: str = ""):
    """Hide an item from the plan. Its history, and the item, stay for restoring.

    An addressee heading leaves with everything under it: its recommendations are not
    archived themselves, so restoring the heading brings them back as they were."""
    if instance.archived_at is None:
        instance.archived_at = timezone.now()
        save_validated(instance, user=user, change_reason=change_reason or "Archived")
    return instance


@transaction.atomic
def restore(*, instance: Archivable, user=None, change_reason: str = ""):
    if instance.archived_at is not None:
        instance.archived_at = None
        save_validated(instance, user=user, change_reason=change_reason or "Restored")
    return instance
