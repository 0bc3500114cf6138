"""A plan as plain data, either as it stands now or as it stood at any moment.

Every page, the published HTML and the PDF render this one shape, so a plan read from
the revision history (as submitted on a date) looks exactly like the live one. The
live plan is read with a fixed number of queries; a past one from simple-history's
records, with the same number of queries whatever the plan's size. `documents` turns
a snapshot into the canonical JSON a submission is frozen as, and back; `plan_data`
into the plan-data dict (the YAML fixtures' shape) that exporters for editing start from.
This package imports models and the core helpers (targets, summary) only.
"""

from .assemble import plan_snapshot
from .documents import DocumentError, plan_document, plan_from_document
from .plan_data import plan_data_from_snapshot
from .shapes import (
    DUE_SOON_DAYS,
    ActionView,
    GroupView,
    MilestoneView,
    PlanView,
    ProgressView,
    RecommendationView,
    RoundProgress,
    RoundView,
    TermView,
)
from .sources import m2m_history_model

__all__ = [
    "DUE_SOON_DAYS",
    "ActionView",
    "DocumentError",
    "GroupView",
    "MilestoneView",
    "PlanView",
    "ProgressView",
    "RecommendationView",
    "RoundProgress",
    "RoundView",
    "TermView",
    "m2m_history_model",
    "plan_data_from_snapshot",
    "plan_document",
    "plan_from_document",
    "plan_snapshot",
]
