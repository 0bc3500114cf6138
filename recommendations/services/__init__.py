"""Writes: every change to a plan goes through one of these functions.

Each validates with full_clean(), runs in one transaction, and records the acting user
and a change reason in the history (requests record their user through
HistoryRequestMiddleware; `user` covers commands and tests). Split by what they write;
they import models and the core helpers (targets, text), never views, forms or the
capability packages; `freezing` alone also reads snapshots and renders the print files
through publishing, so a frozen submission is exactly what readers were shown.
Callers use `from recommendations import services`.
"""

from .archive import archive, restore
from .baselines import action_baseline_correct, action_target_revise
from .common import StaleEdit, version_of
from .freezing import submission_freeze
from .front_matter import (
    body_add,
    body_update,
    categorisation_standard_add,
    categorisation_term_update,
    group_update,
    milestone_add,
    milestone_update,
    plan_bodies_set,
    plan_update,
    report_update,
)
from .inspectorate import assessment_record, comment_add
from .owners import owner_get_or_create, owners_from_names
from .plans import group_add, move, plan_create
from .progress import progress_update_add, progress_update_update, round_get_or_create
from .recommendations import action_add, action_update, recommendation_add, recommendation_update
from .rounds import round_start, round_task_mark
from .submissions import plan_submit

__all__ = [
    "StaleEdit",
    "action_add",
    "action_baseline_correct",
    "action_target_revise",
    "action_update",
    "archive",
    "assessment_record",
    "body_add",
    "body_update",
    "categorisation_standard_add",
    "categorisation_term_update",
    "comment_add",
    "group_add",
    "group_update",
    "milestone_add",
    "milestone_update",
    "move",
    "owner_get_or_create",
    "owners_from_names",
    "plan_bodies_set",
    "plan_create",
    "plan_submit",
    "plan_update",
    "progress_update_add",
    "progress_update_update",
    "recommendation_add",
    "recommendation_update",
    "report_update",
    "restore",
    "round_get_or_create",
    "submission_freeze",
    "round_start",
    "round_task_mark",
    "version_of",
]
