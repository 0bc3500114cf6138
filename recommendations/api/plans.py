"""The API's front door and its plans: the list, and one plan as its snapshot."""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    CategorisationTerm,
    Milestone,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    SubmissionRecord,
)
from ..selectors.plans import PlanRow, plan_rows
from ..selectors.submissions import version_snapshot
from . import schemas
from .base import (
    IF_NONE_MATCH,
    SLUG,
    ReadOnlyView,
    json_bytes,
    not_found_before_the_plan,
    not_modified,
    plan_for,
    quoted,
    responses,
    tagged,
    version_chosen,
    version_data,
)
from .data import bodies_data, moment, plan_data
from .filters import PlanFilters, VersionQuery, query_of


class RootView(ReadOnlyView):
    pagination_class = None

    @extend_schema(
        summary="Where everything is",
        responses=responses(schemas.Root),
        tags=["about"],
    )
    def get(self, request):
        absolute = request.build_absolute_uri
        return Response(
            {
                "plans": absolute(reverse("api:plan-list")),
                "recommendations": absolute(reverse("api:recommendation-list")),
                "actions": absolute(reverse("api:action-list")),
                "owners": absolute(reverse("api:owner-list")),
                "openapi": absolute(reverse("api:schema")),
                "docs": absolute(reverse("api:docs")),
            }
        )


class NotFoundView(ReadOnlyView):
    """Any other address under the API's root."""

    pagination_class = None

    @extend_schema(exclude=True)
    def get(self, request):
        raise exceptions.NotFound("There is no such route in this API: see /api/v1/docs/.")


def live_last_change(plan: ActionPlan) -> datetime.datetime:
    """The latest change to any of the plan's own records (its working version)."""
    moments = [plan.updated_at, plan.report.updated_at]
    for model, lookup in [
        (Milestone, "plan"),
        (CategorisationTerm, "plan"),
        (ReportingRound, "plan"),
        (AddresseeGroup, "plan"),
        (Recommendation, "group__plan"),
        (Action, "recommendation__group__plan"),
        (ProgressUpdate, "recommendation__group__plan"),
    ]:
        moments.append(model.objects.filter(**{lookup: plan}).aggregate(m=Max("updated_at"))["m"])
    return max(m for m in moments if m is not None)


def updated_at(row: PlanRow) -> datetime.datetime | None:
    """When the version this reader reads last changed: its submission's moment for
    readers of submissions (never a later draft's), the last edit for its editors."""
    if row.editable:
        return live_last_change(row.plan)
    return row.last_submission.submitted_at if row.last_submission else None


def plan_row_data(request, row: PlanRow, changed) -> dict:
    view = row.view
    # Every reader may read every submission; readers of submissions read the latest.
    submissions = Milestone.objects.filter(plan=row.plan, submitted_at__isnull=False).count()
    return {
        "slug": view.slug,
        "title": view.title,
        "report_title": view.report_title,
        "bodies": bodies_data(view),
        "version": {
            "live": row.editable,
            "submission": None if row.editable else submissions,
            "as_of": None if row.editable else moment(changed),
            "day": None,
        },
        "updated_at": moment(changed),
        "submissions": submissions,
        "recommendations": len(view.recommendations),
        "actions": len(view.actions),
        "overdue_actions": row.overdue,
        "status_counts": [
            {"status": value, "label": label, "count": count}
            for value, label, count in row.status_counts
        ],
        "url": request.build_absolute_uri(reverse("api:plan-detail", args=[view.slug])),
    }


class PlanListView(ReadOnlyView):
    @extend_schema(
        summary="Plans you may read",
        description=(
            "Every plan you may read, each at the version you read: live for its editors, "
            "else its latest submission."
        ),
        parameters=[PlanFilters],
        responses=responses(schemas.PlanListItem(many=True)),
        tags=["plans"],
    )
    def get(self, request):
        filters = query_of(request, PlanFilters)
        items = []
        for row in plan_rows(user=request.user, today=self.today, filters={}):
            if "body" in filters and filters["body"] not in {b.pk for b in row.view.bodies}:
                continue
            wanted = filters.get("has_overdue_actions")
            if wanted is not None and bool(row.overdue) != wanted:
                continue
            changed = updated_at(row)
            since = filters.get("updated_since")
            if since is not None and (changed is None or changed < since):
                continue
            items.append(plan_row_data(request, row, changed))
        return self.page_of(items)


class PlanDetailView(ReadOnlyView):
    pagination_class = None

    @extend_schema(
        summary="One plan, whole",
        description=(
            "The plan as you may read it: front matter, milestones, headings, "
            "recommendations, actions with their original and current targets, progress by "
            "round, the computed summary and numbering gaps. Its editors read it live; "
            "everyone else reads its latest submission. `?submission=N` reads submission N "
            "as frozen; `?as_of=` a day. The ETag of a frozen submission is its document's "
            "SHA-256; send it back in If-None-Match for a 304."
        ),
        parameters=[SLUG, VersionQuery, IF_NONE_MATCH],
        responses=responses(schemas.Plan, etag=True),
        tags=["plans"],
    )
    def get(self, request, slug):
        versions = version_chosen(plan_for(request, slug), query_of(request, VersionQuery))
        etag = None
        if versions.read_submission is not None:
            digest = (
                SubmissionRecord.objects.filter(milestone=versions.read_submission)
                .values_list("document_sha256", flat=True)
                .first()
            )
            if digest:
                etag = quoted(digest)
                unchanged = not_modified(request, etag)
                if unchanged:
                    return unchanged
        try:
            view = version_snapshot(versions=versions)
        except ObjectDoesNotExist as error:
            raise not_found_before_the_plan(error, versions) from None
        body = json_bytes(plan_data(view, version=version_data(versions), today=self.today))
        response = tagged(body, etag)
        return not_modified(request, response["ETag"]) or response
