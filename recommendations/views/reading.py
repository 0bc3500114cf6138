"""Pages that read: a recommendation, the owners, each at the version the user may read."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .. import permissions
from ..forms import AssessmentForm, CommentForm
from ..models import Owner
from ..selectors.inspectorate import comment_counts, recommendation_review
from ..selectors.owners import owner_action_counts, owner_holdings
from ..selectors.plans import visible_snapshots
from .mixins import PlanReadMixin


class RecommendationDetailView(PlanReadMixin, TemplateView):
    template_name = "recommendations/recommendation_detail.html"
    choose_version = True

    def review_context(self, rec) -> dict:
        """The inspectorate's assessments and the comment thread of the latest submission."""
        user = self.request.user
        # The thread of the submission read (an earlier one, if chosen), else the latest.
        submission = self.versions.read_submission or self.versions.latest
        review = recommendation_review(recommendation_id=rec.id, submission=submission)
        current = review.current_assessment
        # Assessments and comments are written on the latest submission only.
        latest = submission is not None and submission == self.versions.latest
        counts = comment_counts(recommendation_id=rec.id)
        return {
            "assessments": review.assessments,
            "current_assessment": current,
            "comments": review.comments,
            "other_threads": [
                (number, milestone, counts[milestone.pk])
                for number, milestone in self.versions.numbered()
                if milestone != submission and milestone.pk in counts
            ],
            "can_assess": latest and permissions.can_assess(user),
            "can_comment": latest and permissions.can_comment(user, self.plan),
            # A refused form passed back by the write view (extra_context) replaces these.
            "assessment_form": AssessmentForm(
                initial={"rating": current.rating, "comment": current.comment} if current else None
            ),
            "comment_form": CommentForm(),
        }

    def get_context_data(self, **kwargs):
        plan = self.get_snapshot()
        for group in plan.groups:
            for rec in group.recommendations:
                if rec.id == self.kwargs["pk"]:
                    return super().get_context_data(
                        recommendation=rec,
                        group=group,
                        today=datetime.date.today(),
                        **self.review_context(rec),
                        **kwargs,
                    )
        raise Http404("No such recommendation in this version of the plan")


class OwnerListView(TemplateView):
    template_name = "recommendations/owner_list.html"

    def get_context_data(self, **kwargs):
        views = visible_snapshots(user=self.request.user)
        return super().get_context_data(owners=owner_action_counts(views=views), **kwargs)


class OwnerDetailView(TemplateView):
    template_name = "recommendations/owner_detail.html"

    def get_context_data(self, **kwargs):
        owner = get_object_or_404(Owner, pk=self.kwargs["pk"])
        holdings = owner_holdings(owner=owner, views=visible_snapshots(user=self.request.user))
        if not holdings:
            # An owner named only where this user may not read (a draft, another body's
            # unsubmitted plan) is not theirs to see, not even by name.
            raise Http404("No such owner in the plans you can read")
        return super().get_context_data(
            owner=owner, holdings=holdings, today=datetime.date.today(), **kwargs
        )
