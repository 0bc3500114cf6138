"""The published plan, as an HTML document or a PDF, at the version the user may read.

Editors and administrators get the working version; reviewers (and editors of other
bodies) the version of the latest submission. `?submission=N` asks for the N-th
submission instead: a submitted version, so any reader of the plan may have it;
`?as_of=YYYY-MM-DD` the plan as it stood at the end of that day (for readers who are
not its editors, the latest submission made by then).
A submission's files are the ones stored when it was submitted, never rendered again.
No PDF is rendered in the request: the background worker's file is served, or a page
says it is being prepared, refreshes itself and offers the last version ready.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from .. import publishing
from ..models import ActionPlan, Milestone
from ..selectors.versions import plan_versions, versions_chosen
from .mixins import PlanReadMixin

PREPARING_REFRESH_SECONDS = 5


def _revalidated(response, etag: str):
    """Readers are signed in and versions differ by role: no shared caches, and browsers
    ask again each time (cheaply, with If-None-Match and this ETag)."""
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


class PublicationView(View):
    fmt = publishing.PDF
    as_attachment = True

    def get(self, request, slug):
        plan = get_object_or_404(ActionPlan, slug=slug)
        try:
            versions = versions_chosen(
                versions=plan_versions(user=request.user, plan=plan),
                submission=request.GET.get("submission"),
                day=request.GET.get("as_of"),
            )
            # A submission is served as frozen: the stored bytes, their SHA-256 the ETag.
            if self.fmt == publishing.PDF:
                publication = publishing.pdf_publication(versions=versions)
            else:
                publication = publishing.version_publication(versions=versions, fmt=self.fmt)
        except (ValueError, OverflowError, Milestone.DoesNotExist) as error:
            raise Http404("No such version of the plan") from error
        except ObjectDoesNotExist as error:
            raise Http404("The plan did not exist yet on that day") from error

        stored_file = None
        if self.fmt == publishing.PDF:
            # Never rendered here: the background worker's file, or a page saying it is
            # on its way (and queueing it if nobody has).
            download = publishing.pdf_download(versions=versions, publication=publication)
            if not download.ready:
                return self.preparing(request, plan=plan, versions=versions, download=download)
            stored_file = download.file_name

        # A 304 (or 412) when the client's copy is current: the PDF is not even opened.
        etag = publication.etag
        headers = _revalidated(HttpResponse(content_type=publication.content_type), etag)
        conditional = get_conditional_response(request, etag=etag, response=headers)
        if conditional is not headers:
            return conditional
        if stored_file:
            response = FileResponse(
                default_storage.open(stored_file, "rb"),
                as_attachment=self.as_attachment,
                filename=publication.filename,
                content_type=publication.content_type,
            )
        else:
            response = HttpResponse(publication.body(), content_type=publication.content_type)
            response["Content-Disposition"] = content_disposition_header(
                self.as_attachment, publication.filename
            )
        return _revalidated(response, etag)

    def preparing(self, request, *, plan, versions, download):
        query = request.GET.urlencode()
        html_url = reverse("recommendations:plan-publication", args=[plan.slug])
        response = render(
            request,
            "publish/pdf_preparing.html",
            {
                "plan": plan,
                "version_label": download.label,
                "failed": download.failed,
                "attempts": download.attempts,
                "refresh_seconds": PREPARING_REFRESH_SECONDS,
                # The working version's last render is a draft: only for its editors.
                "last_ready": download.last_ready if versions.can_edit else None,
                "earlier_submission": download.earlier_submission,
                "html_url": f"{html_url}?{query}" if query else html_url,
            },
            # 202: the request is accepted and the file is on its way; 503 when it failed.
            status=503 if download.failed else 202,
        )
        response["Retry-After"] = str(PREPARING_REFRESH_SECONDS)
        patch_cache_control(response, private=True, no_cache=True, no_store=True)
        return response


class RenderPdfView(PlanReadMixin, View):
    """An earlier render of the working version, offered while the newest is prepared:
    a draft, so for the plan's editors only."""

    def get(self, request, slug, digest):
        if not self.versions.can_edit:
            raise PermissionDenied("Only the plan's editors read its working version")
        found = publishing.working_render_file(plan=self.plan, digest=digest)
        if found is None:
            raise Http404("No such render of the plan")
        filename, stored = found
        response = FileResponse(
            default_storage.open(stored, "rb"),
            as_attachment=True,
            filename=filename,
            content_type=publishing.CONTENT_TYPES[publishing.PDF],
        )
        return _revalidated(response, f'"{digest}"')


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
        return super().get_context_data(
            submissions=self.versions.numbered(),
            exports=list(publishing.exports.LABELS.items()),
            **kwargs,
        )


class PlanExportView(PlanReadMixin, View):
    """The version this user reads (or chose: `?submission=N`, `?as_of=`) as a
    spreadsheet or a Word document, for other tools; importing it gives the plan back."""

    choose_version = True

    def get(self, request, slug, fmt):
        if fmt not in publishing.EXPORTS:
            raise Http404("No such format")
        snapshot = self.get_snapshot()
        if self.version_error:
            raise Http404(self.version_error)
        versions = self.versions
        name = publishing.publication_name(
            plan=self.plan,
            as_of=versions.as_of if versions.is_chosen else None,
            submission=versions.read_number if versions.chosen_submission else None,
        )
        export = publishing.plan_export(snapshot=snapshot, fmt=fmt, name=name)
        response = HttpResponse(export.data, content_type=export.content_type)
        patch_cache_control(response, private=True, no_cache=True)
        response["Content-Disposition"] = content_disposition_header(True, export.filename)
        return response
