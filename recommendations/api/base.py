"""What every API view shares: read-only (GET alone, anything else 405 for anyone),
the plan and the version of it this reader may read (the pages' own rule, from
selectors.versions), ETags and 304s, pages of lists, and the errors each route documents.
"""

import hashlib
import json

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ..models import ActionPlan, Milestone
from ..selectors.versions import PlanVersions, plan_versions, versions_chosen
from . import schemas
from .data import day, moment

READ_METHODS = {"GET", "HEAD"}
SEED_SLUG_EXAMPLE = "ct-joint-inspection-2023"


class ReadOnlyView(GenericAPIView):
    """GET (and HEAD) only. Any other method is refused with 405 before anything else is
    looked at, so a session's CSRF protection is never the only thing in the way."""

    def initial(self, request, *args, **kwargs):
        if request.method not in READ_METHODS:
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    @property
    def today(self):
        return timezone.localdate()

    def page_of(self, items: list) -> Response:
        page = self.paginate_queryset(items)
        return self.get_paginated_response(page)


def plan_for(request, slug: str) -> PlanVersions:
    """The plan with this slug and its versions as this reader may read them: 404 if
    there is no such plan, 403 if they may read none of it."""
    plan = ActionPlan.objects.select_related("report").filter(slug=slug).first()
    if plan is None:
        raise exceptions.NotFound("There is no plan with this slug.")
    return plan_versions(user=request.user, plan=plan)


def version_chosen(versions: PlanVersions, query: dict) -> PlanVersions:
    """The version asked for with ?submission=N or ?as_of=YYYY-MM-DD (checked already)."""
    submission, day = query.get("submission"), query.get("as_of")
    try:
        return versions_chosen(
            versions=versions,
            submission=str(submission) if submission is not None else None,
            day=day.isoformat() if day is not None else None,
        )
    except Milestone.DoesNotExist as error:
        raise exceptions.NotFound(str(error)) from None


def not_found_before_the_plan(error: ObjectDoesNotExist, versions: PlanVersions):
    """An editor asked for a day before the plan existed."""
    day = versions.chosen_day
    message = f"The plan did not exist yet on {day:%-d %B %Y}: choose a later date"
    return exceptions.NotFound(message if day else str(error))


def version_data(versions: PlanVersions) -> dict:
    return {
        "live": versions.as_of is None,
        "submission": versions.read_number,
        "as_of": moment(versions.as_of),
        "day": day(versions.chosen_day),
    }


# --- ETags ------------------------------------------------------------------------------


def quoted(digest: str) -> str:
    return f'"{digest}"'


def not_modified(request, etag: str) -> HttpResponse | None:
    """304 if the client already holds this version (If-None-Match names its ETag)."""
    header = request.headers.get("If-None-Match")
    if header and (header.strip() == "*" or etag in parse_etags(header)):
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    return None


def tagged(body: bytes, etag: str | None = None) -> HttpResponse:
    """A JSON answer with its ETag (the SHA-256 of its bytes unless given)."""
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag or quoted(hashlib.sha256(body).hexdigest())
    # Every client asks again, and gets a 304 while nothing has changed.
    response["Cache-Control"] = "private, no-cache"
    return response


def json_bytes(data) -> bytes:
    return JSONRenderer().render(data)


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


# --- What each route documents ----------------------------------------------------------

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The plan's slug, as in its page's address.",
    examples=[OpenApiExample("The seed plan", value=SEED_SLUG_EXAMPLE)],
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="An ETag you hold: 304 if the document is still that version.",
)
ERRORS = {
    400: OpenApiResponse(schemas.Error, description="A query parameter is wrong."),
    401: OpenApiResponse(
        schemas.Error, description="Not signed in, or a bad, expired or revoked token."
    ),
    403: OpenApiResponse(schemas.Error, description="You may not read this."),
    404: OpenApiResponse(schemas.Error, description="There is no such thing, or page."),
    429: OpenApiResponse(schemas.Error, description="Too many requests with this token."),
}
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified: you hold this version.")}


def responses(ok, *, etag: bool = False) -> dict:
    return {200: ok, **(NOT_MODIFIED if etag else {}), **ERRORS}
