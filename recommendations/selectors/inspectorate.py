"""Reads of the inspectorate's own records: assessments and comment threads."""

from dataclasses import dataclass

from ..models import Assessment, Comment, Milestone


@dataclass
class RecommendationReview:
    """A recommendation's assessments (newest submission first) and the thread of one
    submission, with that submission's assessment picked out."""

    assessments: list[Assessment]
    current_assessment: Assessment | None
    comments: list[Comment]


def recommendation_review(
    *, recommendation_id: int, submission: Milestone | None
) -> RecommendationReview:
    assessments = list(
        Assessment.objects.filter(recommendation_id=recommendation_id)
        .select_related("submission", "assessed_by")
        .order_by("-submission__submitted_at")
    )
    comments = []
    if submission is not None:
        comments = list(
            Comment.objects.filter(
                recommendation_id=recommendation_id, submission=submission
            ).select_related("author")
        )
    current = next(
        (a for a in assessments if submission and a.submission_id == submission.pk), None
    )
    return RecommendationReview(assessments, current, comments)
