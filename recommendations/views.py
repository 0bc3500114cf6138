from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import DetailView, ListView

from . import selectors
from .models import ActionPlan


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "recommendations/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list()


class PlanDetailView(LoginRequiredMixin, DetailView):
    template_name = "recommendations/plan_detail.html"
    context_object_name = "plan"

    def get_object(self, queryset=None):
        try:
            return selectors.plan_detail(slug=self.kwargs["slug"])
        except ActionPlan.DoesNotExist as error:
            raise Http404("No such plan") from error

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            summary=selectors.plan_summary(plan=plan),
            gaps=selectors.plan_numbering_gaps(plan=plan),
            **kwargs,
        )
