"""The inspectorate's own writes: its assessments and the comment threads."""

from django.db import transaction

from ..models import Assessment, Comment, Milestone, Recommendation
from .common import save_validated


@transaction.atomic
def assessment_record(
    *, recommendation: Recommendation, submission: Milestone, rating: str, comment: str = "", user
) -> Assessment:
    """Record or revise a reviewer's judgement; earlier judgements stay in its history."""
    # One assessment per recommendation and submission, even when two reviewers save.
    Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
    assessment = Assessment.objects.filter(
        recommendation=recommendation, submission=submission
    ).first()
    if assessment is None:
        assessment = Assessment(recommendation=recommendation, submission=submission)
    assessment.rating = rating
    assessment.comment = comment
    assessment.assessed_by = user
    return save_validated(assessment, user=user)


@transaction.atomic
def comment_add(
    *, recommendation: Recommendation, submission: Milestone, text: str, user
) -> Comment:
    return save_validated(
        Comment(recommendation=recommendation, submission=submission, text=text, author=user),
        user=user,
    )
