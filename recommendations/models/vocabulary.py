"""The closed vocabularies of a published plan, and the fields every model shares."""

from django.db import models


class Agreement(models.TextChoices):
    """The categorisation table's three terms."""

    AGREED = "agreed", "Agreed"
    PARTLY_AGREED = "partly_agreed", "Partly Agreed"
    NOT_AGREED = "not_agreed", "Not Agreed"


class ReasonCategory(models.TextChoices):
    """Why a recommendation is not (fully) agreed: the categorisation table names four."""

    COMMISSIONING = "commissioning", "Commissioning"
    POLICY = "policy", "Policy"
    OPERATIONAL = "operational", "Operational"
    AFFORDABILITY = "affordability", "Affordability"


class Status(models.TextChoices):
    """Where an action or a progress entry stands."""

    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    COMPLETED_ONGOING = "completed_ongoing", "Completed and ongoing"
    DELAYED = "delayed", "Delayed"
    SUPERSEDED = "superseded", "Superseded"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"

    @classmethod
    def closed(cls) -> set[str]:
        """Statuses after which an action can no longer be overdue."""
        return {
            cls.COMPLETED,
            cls.COMPLETED_ONGOING,
            cls.SUPERSEDED,
            cls.IMPLEMENTED,
            cls.NOT_IMPLEMENTED,
        }


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Archivable(Timestamped):
    """An item a user deletes: it leaves the plan, and stays for restoring."""

    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Set instead of deleting: history keeps everything."
    )

    class Meta:
        abstract = True


def status_known(name: str) -> models.CheckConstraint:
    """The database's own check that a status is one of Status's."""
    return models.CheckConstraint(condition=models.Q(status__in=Status.values), name=name)


class MilestoneKind(models.TextChoices):
    REPORT_PUBLISHED = "report_published", "Report published"
    PLAN_SUBMITTED = "plan_submitted", "Action plan submitted"
    UPDATED_PLAN_SUBMITTED = "updated_plan_submitted", "Updated action plan submitted"
    PROGRESS_UPDATE_SUBMITTED = "progress_update_submitted", "Progress update submitted"
    OTHER = "other", "Other"


# The milestones that are submissions to the inspectorate: only these fix a version.
SUBMISSION_KINDS = [
    MilestoneKind.PLAN_SUBMITTED.value,
    MilestoneKind.UPDATED_PLAN_SUBMITTED.value,
    MilestoneKind.PROGRESS_UPDATE_SUBMITTED.value,
]


class AssessmentRating(models.TextChoices):
    """HMIP's progress scale for a recommendation."""

    NO_MEANINGFUL = "no_meaningful_progress", "No meaningful progress"
    INSUFFICIENT = "insufficient_progress", "Insufficient progress"
    REASONABLE = "reasonable_progress", "Reasonable progress"
    GOOD = "good_progress", "Good progress"
