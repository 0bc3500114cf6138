"""Deleting archives: the item leaves the plan, its history stays, administrators restore it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import services
from ..forms import ArchiveForm
from ..selectors.archive import archivable_describe, archivable_get, archived_items
from .mixins import AdminOnlyMixin, PlanEditMixin, ServiceFormView


class ArchiveView(PlanEditMixin, ServiceFormView):
    template_name = "recommendations/archive_form.html"
    form_class = ArchiveForm
    submit_label = "Archive"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = archivable_get(
                kind=self.kwargs["kind"], pk=self.kwargs["pk"], plan=self.plan, archived=False
            )
            if self._object is None:
                raise Http404("Nothing of that kind to archive here")
        return self._object

    @property
    def page_title(self):
        return f"Archive {archivable_describe(self.get_object())}?"

    def get_cancel_url(self):
        return reverse("recommendations:plan-detail", args=[self.plan.slug])

    def get_success_url(self):
        return self.get_cancel_url()

    def perform(self, form):
        instance = self.get_object()
        self.success_message = (
            f"Archived {archivable_describe(instance)}. An administrator can restore it."
        )
        return services.archive(
            instance=instance,
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )


class ArchivedListView(AdminOnlyMixin, TemplateView):
    template_name = "recommendations/archived_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=archived_items(), **kwargs)


class RestoreView(AdminOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        instance = archivable_get(kind=kind, pk=pk, archived=True)
        if instance is None:
            raise Http404("Nothing of that kind to restore")
        services.restore(instance=instance, user=request.user)
        messages.success(request, f"Restored {archivable_describe(instance)}")
        return redirect("recommendations:archived-list")
