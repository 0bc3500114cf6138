"""The published plan, as an HTML document or a PDF, at the version the user may read.

Editors and administrators get the working version; reviewers (and editors of other
bodies) the version of the latest submission. `?submission=N` asks for the N-th
submission instead: a submitted version, so any reader of the plan may have it.
A submission's files are the ones stored when it was submitted, never rendered again.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from .. import publishing
from ..models import ActionPlan, Milestone
from ..selectors.versions import plan_versions
from .mixins import PlanReadMixin


class PublicationView(View):
    fmt = publishing.PDF
    as_attachment = True

    def get(self, request, slug):
        plan = get_object_or_404(ActionPlan, slug=slug)
        versions = plan_versions(user=request.user, plan=plan)
        number = request.GET.get("submission")
        try:
            # A submission is served as frozen: the stored bytes, their SHA-256 the ETag.
            publication = publishing.version_publication(
                versions=versions, fmt=self.fmt, number=None if number is None else int(number)
            )
        except (ValueError, Milestone.DoesNotExist) as error:
            raise Http404("No such submission") from error

        response = HttpResponse(content_type=publication.content_type)
        response["ETag"] = publication.etag
        # Readers are signed in and versions differ by role: no shared caches, and
        # browsers ask again each time (cheaply, with If-None-Match).
        patch_cache_control(response, private=True, no_cache=True)
        # A 304 (or 412) when the client's copy is current: the PDF is not even fetched.
        conditional = get_conditional_response(request, etag=publication.etag, response=response)
        if conditional is not response:
            return conditional
        response.content = publication.body()
        response["Content-Disposition"] = content_disposition_header(
            self.as_attachment, publication.filename
        )
        return response


class PublicationPdfView(PublicationView):
    fmt = publishing.PDF
    as_attachment = True


class PublicationHtmlView(PublicationView):
    fmt = publishing.HTML
    as_attachment = False


class DownloadsView(PlanReadMixin, TemplateView):
    """Every version of the plan that can be published, for this user."""

    template_name = "publish/downloads.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(submissions=self.versions.numbered(), **kwargs)
