"""A plan's submissions: who submitted what when, with the hashes of its frozen files,
and each frozen document as it is kept (canonical JSON, byte for byte)."""

import hashlib

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions

from ..models import Milestone, SubmissionRecord
from ..selectors.submissions import submission_view
from ..snapshots import plan_document
from . import schemas
from .base import IF_NONE_MATCH, SLUG, ReadOnlyView, not_modified, plan_for, quoted, responses
from .base import tagged as tagged_response
from .data import day, moment

HASHES = ("document_sha256", "html_sha256", "pdf_sha256", "record_sha256", "previous_sha256")
NUMBER = OpenApiParameter(
    "number",
    int,
    OpenApiParameter.PATH,
    description="The submission's number (1 is the first).",
    examples=[OpenApiExample("The first submission", value=1)],
)


def who(milestone: Milestone) -> str:
    user = milestone.submitted_by
    return (user.get_full_name() or user.get_username()) if user else ""


class SubmissionListView(ReadOnlyView):
    @extend_schema(
        summary="A plan's submissions",
        description="Each submission you may read, first first: number, date, who, change "
        "note and the SHA-256 of each frozen file.",
        parameters=[SLUG],
        responses=responses(schemas.Submission(many=True)),
        tags=["submissions"],
    )
    def get(self, request, slug):
        versions = plan_for(request, slug)
        readable = versions.readable_submissions
        records = {
            r["milestone_id"]: r
            for r in SubmissionRecord.objects.filter(plan=versions.plan).values(
                "milestone_id", *HASHES
            )
        }
        users = {
            m.pk: who(m)
            for m in Milestone.objects.filter(pk__in=[m.pk for m in readable]).select_related(
                "submitted_by"
            )
        }
        items = []
        for number, milestone in versions.numbered():
            if milestone not in readable:
                continue
            record = records.get(milestone.pk)
            items.append(
                {
                    "number": number,
                    "kind": milestone.kind,
                    "label": milestone.label,
                    "date": day(milestone.date),
                    "submitted_at": moment(milestone.submitted_at),
                    "submitted_by": users.get(milestone.pk, ""),
                    "change_note": milestone.change_note,
                    "frozen": record is not None,
                    **{name: record[name] if record else None for name in HASHES},
                    "document_url": request.build_absolute_uri(
                        reverse("api:submission-detail", args=[slug, number])
                    ),
                }
            )
        return self.page_of(items)


class SubmissionDocumentView(ReadOnlyView):
    pagination_class = None

    @extend_schema(
        summary="One submission's frozen document",
        description=(
            "The plan as submitted, exactly as it is kept: canonical JSON (keys sorted, no "
            "spaces, UTF-8), whose SHA-256 is the submission's document hash and this "
            "answer's ETag. Its fields are those of the plan's snapshot as stored, not the "
            "plan route's plain-English ones. A submission made before submissions were "
            "frozen is rebuilt from the history, in the same form."
        ),
        parameters=[SLUG, NUMBER, IF_NONE_MATCH],
        responses=responses(schemas.FrozenDocument, etag=True),
        tags=["submissions"],
    )
    def get(self, request, slug, number):
        versions = plan_for(request, slug)
        readable = versions.readable_submissions
        if not 1 <= number <= len(versions.submissions):
            raise exceptions.NotFound(f"The plan has no submission {number}.")
        milestone = versions.submissions[number - 1]
        if milestone not in readable:
            raise exceptions.NotFound(f"The plan has no submission {number}.")
        records = SubmissionRecord.objects.filter(milestone=milestone)
        digest = records.values_list("document_sha256", flat=True).first()
        if digest:
            etag = quoted(digest)
            unchanged = not_modified(request, etag)
            if unchanged:
                return unchanged
            document = bytes(records.values_list("document", flat=True).get())
        else:
            document = plan_document(submission_view(milestone=milestone))
            etag = quoted(hashlib.sha256(document).hexdigest())
        return not_modified(request, etag) or tagged_response(document, etag)
