"""Pages that read: a recommendation, the owners, each at the version the user may read."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .. import permissions, selectors
from ..models import Owner
from ..snapshots import plan_snapshot
from .mixins import PlanReadMixin


class RecommendationDetailView(PlanReadMixin, TemplateView):
    template_name = "recommendations/recommendation_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.get_snapshot()
        for group in plan.groups:
            for rec in group.recommendations:
                if rec.id == self.kwargs["pk"]:
                    return super().get_context_data(
                        recommendation=rec, group=group, today=datetime.date.today(), **kwargs
                    )
        raise Http404("No such recommendation in this version of the plan")


def _visible_snapshots(user):
    for plan in selectors.plan_list():
        try:
            as_of = permissions.visible_as_of(user, plan)
        except PermissionDenied:
            continue
        yield plan_snapshot(plan=plan, as_of=as_of)


class OwnerListView(TemplateView):
    template_name = "recommendations/owner_list.html"

    def get_context_data(self, **kwargs):
        counts: dict[str, int] = {}
        for view in _visible_snapshots(self.request.user):
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
        for view in _visible_snapshots(self.request.user):
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
