"""The query parameters the API reads, checked as REST framework serializers (a wrong
value is a 400 naming the parameter), and the filters of its cross-plan lists.

The serializers also describe the parameters in the OpenAPI description. They are given
a plain dict of the query, never the QueryDict: REST framework reads a boolean missing
from a QueryDict as an unticked checkbox (False), and a missing filter is no filter.
"""

import datetime

from rest_framework import serializers

from ..models import Agreement, Status
from ..snapshots import ActionView, PlanView, RecommendationView
from ..targets import month_end


def query_of(request, serializer_class) -> dict:
    """The request's query parameters checked by this serializer (400 if wrong)."""
    serializer = serializer_class(data=dict(request.query_params.items()))
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if v is not None}


class VersionQuery(serializers.Serializer):
    submission = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        help_text="Read submission N of the plan (1 is the first) as it was frozen.",
    )
    as_of = serializers.DateField(
        required=False,
        help_text=(
            "Read the plan as it stood at the end of this day (London time). Editors of "
            "the plan read its history; everyone else the latest submission made by then."
        ),
    )

    def validate(self, attrs):
        if attrs.get("submission") is not None and attrs.get("as_of") is not None:
            raise serializers.ValidationError("Give submission or as_of, not both.")
        return attrs


class PlanFilters(serializers.Serializer):
    body = serializers.IntegerField(
        required=False, min_value=1, help_text="Only plans this responding body (id) answers."
    )
    has_overdue_actions = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only plans with (or without) an action past its target month and not closed.",
    )
    updated_since = serializers.DateTimeField(
        required=False,
        help_text=(
            "Only plans whose version you read changed at or after this moment (ISO 8601): "
            "for readers of submissions, when it was submitted."
        ),
    )


class ItemFilters(serializers.Serializer):
    plan = serializers.SlugField(required=False, help_text="Only this plan (its slug).")
    body = serializers.IntegerField(
        required=False, min_value=1, help_text="Only plans this responding body (id) answers."
    )
    agreement = serializers.ChoiceField(
        choices=Agreement.choices, required=False, help_text="Only recommendations so agreed."
    )
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, help_text="Only actions now at this status."
    )
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only actions past their current target month and not closed (or not).",
    )
    due_before = serializers.DateField(
        required=False, help_text="Only actions whose current target month ends before this day."
    )
    owner = serializers.CharField(
        required=False, max_length=255, help_text="Only actions this owner holds (exact name)."
    )


ACTION_FILTERS = ("status", "overdue", "due_before", "owner")


def plan_matches(view: PlanView, filters: dict) -> bool:
    if "plan" in filters and view.slug != filters["plan"]:
        return False
    return "body" not in filters or filters["body"] in {b.pk for b in view.bodies}


def recommendation_matches(rec: RecommendationView, filters: dict) -> bool:
    return "agreement" not in filters or rec.agreement == filters["agreement"]


def action_matches(action: ActionView, filters: dict, today: datetime.date) -> bool:
    if "status" in filters and action.latest_status != filters["status"]:
        return False
    if "overdue" in filters and action.is_overdue(today) != filters["overdue"]:
        return False
    if "due_before" in filters:
        current = action.current_target_month
        if current is None or month_end(current) >= filters["due_before"]:
            return False
    if "owner" in filters:
        wanted = filters["owner"].strip().casefold()
        if wanted not in {name.casefold() for name in action.owners}:
            return False
    return True


def has_action_filters(filters: dict) -> bool:
    return any(name in filters for name in ACTION_FILTERS)
