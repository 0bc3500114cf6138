"""Reads across every plan the reader may read, each at the version they may read:
recommendations, actions, and responsible owners with what they hold."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from ..models import Owner
from ..selectors.owners import owner_action_counts, owner_holdings
from ..selectors.plans import visible_snapshots
from . import schemas
from .base import ReadOnlyView, responses
from .data import action_data, plan_ref, progress_data, recommendation_data
from .filters import (
    ItemFilters,
    action_matches,
    has_action_filters,
    plan_matches,
    query_of,
    recommendation_matches,
)


def recommendation_ref(rec) -> dict:
    return {"id": rec.id, "reference": rec.reference, "agreement": rec.agreement}


def matching_recommendations(user, filters):
    """(plan, heading, recommendation) of the plans this user may read, in plan and table
    order, that pass the plan and recommendation filters (the action filters are each
    list's own)."""
    for view in visible_snapshots(user=user):
        if plan_matches(view, filters):
            for group in view.groups:
                for rec in group.recommendations:
                    if recommendation_matches(rec, filters):
                        yield view, group, rec


class RecommendationListView(ReadOnlyView):
    @extend_schema(
        summary="Recommendations across plans",
        description=(
            "Every recommendation of the plans you may read, in plan and table order. The "
            "action filters (status, overdue, due_before, owner) keep a recommendation "
            "when any of its actions passes them all."
        ),
        parameters=[ItemFilters],
        responses=responses(schemas.RecommendationItem(many=True)),
        tags=["across plans"],
    )
    def get(self, request):
        filters = query_of(request, ItemFilters)
        today = self.today
        items = []
        for view, group, rec in matching_recommendations(request.user, filters):
            if has_action_filters(filters) and not any(
                action_matches(a, filters, today) for a in rec.actions
            ):
                continue
            items.append(
                {
                    "plan": plan_ref(view),
                    "heading": group.heading,
                    **recommendation_data(rec, today),
                }
            )
        return self.page_of(items)


class ActionListView(ReadOnlyView):
    @extend_schema(
        summary="Actions across plans",
        description="Every action of the plans you may read, in plan and table order, with "
        "its original and current targets.",
        parameters=[ItemFilters],
        responses=responses(schemas.ActionItem(many=True)),
        tags=["across plans"],
    )
    def get(self, request):
        filters = query_of(request, ItemFilters)
        today = self.today
        items = []
        for view, _group, rec in matching_recommendations(request.user, filters):
            for number, action in enumerate(rec.actions, start=1):
                if action_matches(action, filters, today):
                    items.append(
                        {
                            "plan": plan_ref(view),
                            "recommendation": recommendation_ref(rec),
                            **action_data(action, number, today),
                        }
                    )
        return self.page_of(items)


class OwnerListView(ReadOnlyView):
    @extend_schema(
        summary="Responsible owners",
        description="Each owner named by an action in the plans you may read, with how "
        "many actions they hold there.",
        responses=responses(schemas.OwnerItem(many=True)),
        tags=["owners"],
    )
    def get(self, request):
        counts = owner_action_counts(views=visible_snapshots(user=request.user))
        return self.page_of(
            [{"id": owner.pk, "name": owner.name, "actions": n} for owner, n in counts]
        )


class OwnerDetailView(ReadOnlyView):
    pagination_class = None

    @extend_schema(
        summary="One owner and what they hold",
        description="The owner's actions and progress entries, plan by plan, in the plans "
        "you may read. 404 if they hold nothing there.",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses=responses(schemas.OwnerDetail),
        tags=["owners"],
    )
    def get(self, request, id):  # noqa: A002 - the route's own name
        owner = Owner.objects.filter(pk=id).first()
        holdings = []
        if owner is not None:
            holdings = owner_holdings(owner=owner, views=visible_snapshots(user=request.user))
        # Named only in versions this reader may not read: as good as not there.
        if not holdings:
            raise exceptions.NotFound("No owner with this id holds anything you may read.")
        today = self.today
        return Response(
            {
                "id": owner.pk,
                "name": owner.name,
                "plans": [
                    {
                        "plan": plan_ref(h.plan),
                        "actions": [
                            {"recommendation": recommendation_ref(rec), **action_data(a, n, today)}
                            for rec, n, a in h.actions
                        ],
                        "progress": [
                            {"recommendation": recommendation_ref(rec), **progress_data(u)}
                            for rec, u in h.updates
                        ],
                    }
                    for h in holdings
                ],
            }
        )
