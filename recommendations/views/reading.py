"""Pages that read: a recommendation, the owners, each at the version the user may read."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .. import permissions, selectors
from ..forms import AssessmentForm, CommentForm
from ..models import Assessment, Comment, Owner
from .mixins import PlanReadMixin


class RecommendationDetailView(PlanReadMixin, TemplateView):
    template_name = "recommendations/recommendation_detail.html"

    def review_context(self, rec) -> dict:
        """The inspectorate's assessments and the comment thread of the latest submission."""
        user = self.request.user
        submission = permissions.latest_submission(self.plan)
        assessments = list(
            Assessment.objects.filter(recommendation_id=rec.id)
            .select_related("submission", "assessed_by")
            .order_by("-submission__submitted_at")
        )
        comments = (
            list(
                Comment.objects.filter(
                    recommendation_id=rec.id, submission=submission
                ).select_related("author")
            )
            if submission
            else []
        )
        current = next(
            (a for a in assessments if a.submission_id == getattr(submission, "pk", None)), None
        )
        context = {
            "assessments": assessments,
            "current_assessment": current,
            "comments": comments,
            "can_assess": submission is not None and permissions.can_assess(user),
            "can_comment": submission is not None and permissions.can_comment(user, self.plan),
        }
        # A refused form passed back by the write view (extra_context) replaces these.
        context["assessment_form"] = AssessmentForm(
            initial={"rating": current.rating, "comment": current.comment} if current else None
        )
        context["comment_form"] = CommentForm()
        return context

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
        counts: dict[str, int] = {}
        for view in selectors.visible_snapshots(self.request.user):
            for action in view.actions:
                for name in action.owners:
                    counts[name] = counts.get(name, 0) + 1
        owners = [
            (owner, counts[owner.name])
            for owner in Owner.objects.filter(name__in=counts).order_by("name")
        ]
        return super().get_context_data(owners=owners, **kwargs)


class OwnerDetailView(TemplateView):
    template_name = "recommendations/owner_detail.html"

    def get_context_data(self, **kwargs):
        owner = get_object_or_404(Owner, pk=self.kwargs["pk"])
        today = datetime.date.today()
        holdings = []
        for view in selectors.visible_snapshots(self.request.user):
            rows = [
                (rec, index + 1, action)
                for rec in view.recommendations
                for index, action in enumerate(rec.actions)
                if owner.name in action.owners
            ]
            updates = [
                (rec, update)
                for rec in view.recommendations
                for rnd in rec.progress
                for update in rnd.updates
                if owner.name in update.owners
            ]
            if rows or updates:
                holdings.append((view, rows, updates))
        return super().get_context_data(owner=owner, holdings=holdings, today=today, **kwargs)
