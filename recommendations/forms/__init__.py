"""Forms of the plan's pages, rendered with GOV.UK markup by the `govuk` app.

They collect and check input; the rules live in models and services. `editing` holds
the forms that write a plan, `review` those of the reading pages, `common` what they
share. They import models and `govuk`, never services, selectors or views.
"""

from .common import OWNER_SLOTS, TEXT_LIMIT, ChangeReasonMixin, OwnersMixin, VersionMixin
from .editing import (
    ActionForm,
    ArchiveForm,
    GroupForm,
    PlanCreateForm,
    ProgressUpdateForm,
    RecommendationForm,
    SubmissionForm,
)
from .review import AssessmentForm, CommentForm, CompareForm, PlanFilterForm, SlippageFilterForm

__all__ = [
    "OWNER_SLOTS",
    "TEXT_LIMIT",
    "ActionForm",
    "ArchiveForm",
    "AssessmentForm",
    "ChangeReasonMixin",
    "CommentForm",
    "CompareForm",
    "GroupForm",
    "OwnersMixin",
    "PlanCreateForm",
    "PlanFilterForm",
    "ProgressUpdateForm",
    "RecommendationForm",
    "SlippageFilterForm",
    "SubmissionForm",
    "VersionMixin",
]
