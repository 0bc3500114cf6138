"""Reads of the inspectorate's own records: assessments and comment threads."""

from dataclasses import dataclass

from django.db.models import Count

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


def plan_assessments(*, submission: Milestone | None) -> dict[int, Assessment]:
    """The inspectorate's assessment of each recommendation in this submission, by
    recommendation id: shown beside the department's own status."""
    if submission is None:
        return {}
    return {
        a.recommendation_id: a
        for a in Assessment.objects.filter(submission=submission).select_related("submission")
    }


def comment_counts(*, recommendation_id: int) -> dict[int, int]:
    """How many comments each submission's thread on this recommendation holds, by the
    submission's id (threads with none are left out)."""
    rows = (
        Comment.objects.filter(recommendation_id=recommendation_id)
        .values("submission_id")
        .annotate(n=Count("id"))
    )
    return {row["submission_id"]: row["n"] for row in rows}
