"""What reviewers read, as data: a plan's history (who changed what, when and why) and
the comparison of two of its versions."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from ..review.compare import ActionChange, RecommendationChange, compare_plans
from ..review.diff import Change
from ..review.timeline import plan_timeline
from ..selectors.submissions import submission_view
from ..selectors.versions import PlanVersions
from ..snapshots import PlanView, plan_snapshot
from . import schemas
from .base import SLUG, ReadOnlyView, plan_for, responses
from .data import action_data, moment, progress_data, recommendation_data
from .filters import query_of

WORKING = "working"


def change_data(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {"field": change.field, "old": change.old, "new": change.new}


class PlanHistoryView(ReadOnlyView):
    @extend_schema(
        summary="A plan's history",
        description=(
            "Every change to the plan, newest first: who, when, what and why. Its editors "
            "see every change; everyone else sees it change from one submission to the "
            "next, never a working state in between."
        ),
        parameters=[SLUG],
        responses=responses(schemas.Event(many=True)),
        tags=["plans"],
    )
    def get(self, request, slug):
        versions = plan_for(request, slug)
        submitted = None
        if not versions.can_edit:
            submitted = [m.submitted_at for m in versions.readable_submissions]
        events = plan_timeline(plan=versions.plan, until=versions.as_of, submitted=submitted)
        return self.page_of(
            [
                {
                    "when": moment(e.when),
                    "who": e.who,
                    "why": e.why,
                    "what": e.what,
                    "kind": e.kind,
                    "recommendation_id": e.recommendation_id,
                    "changes": [change_data(c) for c in e.changes],
                }
                for e in events
            ]
        )


class CompareQuery(serializers.Serializer):
    old = serializers.RegexField(
        r"^([0-9]{1,6}|working)$",
        required=False,
        help_text="A submission number, or `working` (the plan's editors only). Default: "
        "the submission before `new`.",
    )
    new = serializers.RegexField(
        r"^([0-9]{1,6}|working)$",
        required=False,
        help_text="A submission number, or `working` (the plan's editors only). Default: "
        "the latest submission.",
    )


def chosen(versions: PlanVersions, choice: str) -> tuple[int | None, str, PlanView]:
    """(submission number or None, label, snapshot) of one side of the comparison."""
    if choice == WORKING:
        if not versions.can_edit:
            raise exceptions.NotFound("Only the plan's editors may read its working version.")
        return None, "Working version (not submitted)", plan_snapshot(plan=versions.plan)
    number = int(choice)
    readable = versions.readable_submissions
    if not 1 <= number <= len(readable):
        raise exceptions.NotFound(f"The plan has no submission {number}.")
    milestone = readable[number - 1]
    label = f"{milestone.label}, {milestone.date:%-d %B %Y}"
    return number, label, submission_view(milestone=milestone)


def recommendation_change_data(change: RecommendationChange, new: PlanView, today) -> dict:
    def numbered(actions, within):
        order = {a.id: n for n, a in enumerate(within, start=1)}
        return [action_data(a, order.get(a.id, 0), today) for a in actions]

    return {
        "id": change.recommendation.id,
        "reference": change.reference,
        "kind": change.kind,
        "recommendation": recommendation_data(change.recommendation, today),
        "texts": [change_data(c) for c in change.texts],
        "agreement": change_data(change.agreement),
        "actions_added": numbered(change.actions_added, change.recommendation.actions),
        "actions_removed": numbered(change.actions_removed, change.actions_removed),
        "actions_changed": [action_change_data(a) for a in change.actions_changed],
        "new_progress": [
            {"round": label, "update": progress_data(update)}
            for label, update in change.new_progress
        ],
    }


def action_change_data(change: ActionChange) -> dict:
    target = change.target
    return {
        "number": change.number,
        "id": change.action.id,
        "text": change_data(change.text),
        "owners": change_data(change.owners),
        "status": change_data(change.status),
        "target": None
        if target is None
        else {
            "old_text": target.old_text,
            "new_text": target.new_text,
            "months": target.months,
            "reasons": list(target.reasons),
        },
    }


class PlanCompareView(ReadOnlyView):
    pagination_class = None

    @extend_schema(
        summary="What changed between two versions",
        description=(
            "The comparison of two versions of a plan, as data: headings added and "
            "removed, and each recommendation added, removed or changed (its texts, "
            "agreement, actions and their targets, new progress). Versions are submission "
            "numbers you may read; the plan's editors may also compare `working`."
        ),
        parameters=[SLUG, CompareQuery],
        responses=responses(schemas.Comparison),
        tags=["plans"],
    )
    def get(self, request, slug):
        query = query_of(request, CompareQuery)
        versions = plan_for(request, slug)
        count = len(versions.readable_submissions)
        default_new = str(count) if count else WORKING
        new = query.get("new", default_new)
        default_old = str(int(new) - 1) if new != WORKING and int(new) > 1 else new
        if new == WORKING and count:
            default_old = str(count)
        old = query.get("old", default_old)
        old_number, old_label, old_view = chosen(versions, old)
        new_number, new_label, new_view = chosen(versions, new)
        comparison = compare_plans(old_view, new_view)
        return Response(
            {
                "old": {"submission": old_number, "label": old_label},
                "new": {"submission": new_number, "label": new_label},
                "headings_added": comparison.headings_added,
                "headings_removed": comparison.headings_removed,
                "recommendations": [
                    recommendation_change_data(change, new_view, self.today)
                    for change in comparison.changed
                ],
            }
        )
