"""The inspectorate's own records: assessments of progress and comment threads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .plans import Milestone
from .recommendations import Recommendation
from .vocabulary import AssessmentRating, Timestamped


class Assessment(Timestamped):
    """The inspectorate's own judgement of progress on a recommendation, per submission.

    It never changes the department's own status; it has its own history.
    """

    Rating = AssessmentRating

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="assessments"
    )
    submission = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="assessments")
    rating = models.CharField(max_length=30, choices=Rating.choices)
    comment = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "submission"], name="one_assessment_per_submission"
            ),
            models.CheckConstraint(
                condition=Q(rating__in=AssessmentRating.values),
                name="assessment_rating_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_rating_display()}: {self.recommendation}"

    def clean(self):
        if self.submission_id and self.submission.submitted_at is None:
            raise ValidationError({"submission": "Assess a submitted version of the plan"})
        if (
            self.submission_id
            and self.recommendation_id
            and self.submission.plan_id != self.recommendation.group.plan_id
        ):
            raise ValidationError({"submission": "Choose a submission of this plan"})


class Comment(Timestamped):
    """A message in the thread on a recommendation within one submission."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="comments"
    )
    submission = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Comment by {self.author} on {self.recommendation}"

    def clean(self):
        if not (self.text or "").strip():
            raise ValidationError({"text": "Enter your comment"})
