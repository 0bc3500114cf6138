"""Writes: every change to a plan goes through one of these functions.

Each validates with full_clean(), runs in one transaction, and records the acting user
and a change reason in the history (requests record their user through
HistoryRequestMiddleware; `user` covers commands and tests). Split by what they write;
they import models and the core helpers (targets, text), never views, forms or the
capability packages. Callers use `from recommendations import services`.
"""

from .archive import archive, restore
from .common import StaleEdit, version_of
from .inspectorate import assessment_record, comment_add
from .owners import owner_get_or_create, owners_from_names
from .plans import group_add, move, plan_create
from .progress import progress_update_add, round_get_or_create
from .recommendations import action_add, action_update, recommendation_add, recommendation_update
from .submissions import plan_submit

__all__ = [
    "StaleEdit",
    "action_add",
    "action_update",
    "archive",
    "assessment_record",
    "comment_add",
    "group_add",
    "move",
    "owner_get_or_create",
    "owners_from_names",
    "plan_create",
    "plan_submit",
    "progress_update_add",
    "recommendation_add",
    "recommendation_update",
    "restore",
    "round_get_or_create",
    "version_of",
]
