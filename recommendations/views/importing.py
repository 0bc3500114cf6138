"""Importing a plan from a file: upload, preview with every problem, then confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from .. import permissions
from ..forms import PlanImportForm
from ..forms.importing import MAX_BYTES
from ..importing import UnreadableFile
from ..importing.preview import import_confirm, import_preview, import_upload
from ..models import PlanImport
from ..selectors.plans import bodies_for_new_plan


def allowed_bodies(user) -> list[str] | None:
    """The bodies this person may import plans of (None: an administrator, any body)."""
    if permissions.role_of(user) == permissions.ADMIN:
        return None
    return [body.name for body in bodies_for_new_plan(user=user)]


class ImportMixin:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_create_plans(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PlanImportView(ImportMixin, FormView):
    """Upload a file. One that cannot be read as a plan at all is refused beside the
    field; any other goes to its preview, which lists what is in it and what is wrong."""

    template_name = "recommendations/import_form.html"
    form_class = PlanImportForm
    # Room for a file a little over the form's limit: refused beside the field, not by 413.
    request_max_bytes = MAX_BYTES + 5 * 1024 * 1024

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            import_preview(
                file_name=upload.name,
                content=content,
                slug=form.cleaned_data["slug"],
                allowed_bodies=allowed_bodies(self.request.user),
            )
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        pending = import_upload(
            file_name=upload.name,
            content=content,
            slug=form.cleaned_data["slug"],
            user=self.request.user,
        )
        return redirect("recommendations:plan-import-preview", pk=pending.pk)


class PlanImportPreviewView(ImportMixin, TemplateView):
    """What the file would become. Confirming writes it, in one transaction, only when
    no problem remains; a file with problems is fixed and uploaded again."""

    template_name = "recommendations/import_preview.html"

    def pending(self) -> PlanImport:
        return get_object_or_404(PlanImport, pk=self.kwargs["pk"], uploaded_by=self.request.user)

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        if pending.plan_id:
            messages.info(request, f"{pending.file_name} has already been imported")
            return redirect("recommendations:plan-detail", slug=pending.plan.slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        pending = self.pending()
        try:
            preview = import_preview(
                file_name=pending.file_name,
                content=bytes(pending.content),
                slug=pending.slug,
                allowed_bodies=allowed_bodies(self.request.user),
            )
        except UnreadableFile as error:  # only if the readers changed since the upload
            preview, kwargs["unreadable"] = None, str(error)
        return super().get_context_data(
            pending=pending,
            preview=preview,
            upload_url=reverse("recommendations:plan-import"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if pending.plan_id:
            return redirect("recommendations:plan-detail", slug=pending.plan.slug)
        try:
            plan = import_confirm(
                pending=pending, allowed_bodies=allowed_bodies(request.user), user=request.user
            )
        except (ValidationError, UnreadableFile) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("recommendations:plan-import-preview", pk=pending.pk)
        messages.success(request, f"Plan imported from {pending.file_name}")
        return redirect("recommendations:plan-detail", slug=plan.slug)
