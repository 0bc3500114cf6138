"""Deleting archives: the item leaves the plan, its history stays, administrators restore it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import permissions, services
from ..forms import ArchiveForm
from ..models import Action, ProgressUpdate, Recommendation
from .mixins import PlanEditMixin, ServiceFormView

ARCHIVABLE = {"recommendation": Recommendation, "action": Action, "progress": ProgressUpdate}


def _describe(instance) -> str:
    if isinstance(instance, Recommendation):
        return f"recommendation {instance.reference}"
    if isinstance(instance, Action):
        return (
            f"action {instance.position + 1} of recommendation {instance.recommendation.reference}"
        )
    return f"a progress update on recommendation {instance.recommendation.reference}"


class ArchiveView(PlanEditMixin, ServiceFormView):
    template_name = "recommendations/archive_form.html"
    form_class = ArchiveForm
    submit_label = "Archive"

    def get_object(self):
        model = ARCHIVABLE.get(self.kwargs["kind"])
        if model is None:
            raise Http404("Nothing of that kind can be archived")
        lookup = {"pk": self.kwargs["pk"], "archived_at__isnull": True}
        if model is Recommendation:
            lookup["group__plan"] = self.plan
        else:
            lookup["recommendation__group__plan"] = self.plan
        return get_object_or_404(model, **lookup)

    @property
    def page_title(self):
        return f"Archive {_describe(self.get_object())}?"

    def get_cancel_url(self):
        return reverse("recommendations:plan-detail", args=[self.plan.slug])

    def get_success_url(self):
        return self.get_cancel_url()

    def perform(self, form):
        instance = self.get_object()
        self.success_message = f"Archived {_describe(instance)}. An administrator can restore it."
        return services.archive(
            instance=instance,
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )


class _AdminOnly:
    def dispatch(self, request, *args, **kwargs):
        if permissions.role_of(request.user) != permissions.ADMIN:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ArchivedListView(_AdminOnly, TemplateView):
    template_name = "recommendations/archived_list.html"

    def get_context_data(self, **kwargs):
        items = []
        for kind, model in ARCHIVABLE.items():
            related = (
                ["group__plan"] if model is Recommendation else ["recommendation__group__plan"]
            )
            for instance in model.objects.filter(archived_at__isnull=False).select_related(
                *related
            ):
                plan = (
                    instance.group.plan
                    if model is Recommendation
                    else (instance.recommendation.group.plan)
                )
                items.append((kind, instance, _describe(instance), plan))
        items.sort(key=lambda item: item[1].archived_at, reverse=True)
        return super().get_context_data(items=items, **kwargs)


class RestoreView(_AdminOnly, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        if kind not in ARCHIVABLE:
            raise Http404
        instance = get_object_or_404(ARCHIVABLE[kind], pk=pk, archived_at__isnull=False)
        services.restore(instance=instance, user=request.user)
        messages.success(request, f"Restored {_describe(instance)}")
        return redirect("recommendations:archived-list")
