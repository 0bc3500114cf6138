"""The action plan: a department's published answer to an inspection report.

Vocabulary follows the published documents. Wording is always kept as written
(target phrases, status words, owner roles); comparable values (months) are kept
beside it, never instead of it. Every model a user edits keeps its full history.

`vocabulary` holds the closed choices; `plans` the plan and its front matter;
`recommendations` what a plan answers; `inspectorate` the reviewers' own records;
`submissions` each submission frozen as submitted; `imports` an uploaded plan file
between its preview and the confirmation; `renders` the PDFs rendered in the background;
`notifications` owners' contacts and every email sent.
Models import the core helpers (targets, text) only.
"""

from .imports import PlanImport
from .inspectorate import Assessment, Comment
from .notifications import Message, OwnerContact
from .plans import (
    ActionPlan,
    AddresseeGroup,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    ReportingRound,
    ResponsibleBody,
)
from .recommendations import Action, Owner, ProgressUpdate, Recommendation
from .renders import PlanEdit, Render, RenderWanted
from .rounds import RoundCompletion
from .submissions import SubmissionRecord, record_digest, sha256_hex
from .vocabulary import (
    SUBMISSION_KINDS,
    Agreement,
    AssessmentRating,
    MilestoneKind,
    ReasonCategory,
    Status,
    Timestamped,
)

__all__ = [
    "SUBMISSION_KINDS",
    "Action",
    "ActionPlan",
    "AddresseeGroup",
    "Agreement",
    "Assessment",
    "AssessmentRating",
    "CategorisationTerm",
    "Comment",
    "InspectionReport",
    "Milestone",
    "Message",
    "MilestoneKind",
    "Owner",
    "OwnerContact",
    "PlanEdit",
    "PlanImport",
    "ProgressUpdate",
    "ReasonCategory",
    "Recommendation",
    "Render",
    "RenderWanted",
    "ReportingRound",
    "RoundCompletion",
    "ResponsibleBody",
    "Status",
    "SubmissionRecord",
    "Timestamped",
    "record_digest",
    "sha256_hex",
]
