"""Forms of the plan's pages, rendered with GOV.UK markup by the `govuk` app.

They collect and check input; the rules live in models and services. `editing` holds
the forms that write a plan, `front_matter` those of its front matter and of the
responding bodies, `review` those of the reading pages, `importing` the upload of a
plan file, `verification` the check of a downloaded file, `common` what they share.
They import models and `govuk`, never services, selectors or views.
"""

from .baselines import BaselineCorrectionForm, ProgressEditForm, TargetRevisionForm
from .common import ADD_OWNER, TEXT_LIMIT, ChangeReasonMixin, OwnersMixin, VersionMixin
from .editing import (
    ActionForm,
    ArchiveForm,
    GroupForm,
    PlanCreateForm,
    ProgressUpdateForm,
    RecommendationForm,
    SubmissionForm,
)
from .front_matter import (
    BodyForm,
    CategorisationTermForm,
    GroupEditForm,
    MilestoneForm,
    PlanBodiesForm,
    PlanTextForm,
    ReportForm,
)
from .importing import PlanImportForm
from .review import (
    AssessmentForm,
    CommentForm,
    CompareForm,
    PlanFilterForm,
    PlanOnDateForm,
    SlippageFilterForm,
)
from .verification import CheckFileForm

__all__ = [
    "ADD_OWNER",
    "TEXT_LIMIT",
    "ActionForm",
    "ArchiveForm",
    "AssessmentForm",
    "BaselineCorrectionForm",
    "BodyForm",
    "CategorisationTermForm",
    "CheckFileForm",
    "ChangeReasonMixin",
    "CommentForm",
    "CompareForm",
    "GroupEditForm",
    "GroupForm",
    "MilestoneForm",
    "OwnersMixin",
    "PlanBodiesForm",
    "PlanCreateForm",
    "PlanFilterForm",
    "PlanImportForm",
    "PlanOnDateForm",
    "PlanTextForm",
    "ProgressEditForm",
    "ProgressUpdateForm",
    "RecommendationForm",
    "ReportForm",
    "SlippageFilterForm",
    "SubmissionForm",
    "TargetRevisionForm",
    "VersionMixin",
]
