"""The plans list, one plan's page, creating a plan and submitting it."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import TemplateView

from .. import permissions, services
from ..forms import PlanCreateForm, PlanFilterForm, SubmissionForm
from ..review.change_notes import draft_change_note
from ..review.compare import compare_plans
from ..selectors.plans import bodies_for_new_plan, plan_rows
from ..selectors.versions import plan_versions
from ..snapshots import plan_snapshot
from .mixins import PlanEditMixin, PlanReadMixin, ServiceFormView


class PlanListView(TemplateView):
    template_name = "recommendations/plan_list.html"

    def get_context_data(self, **kwargs):
        form = PlanFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = plan_rows(user=self.request.user, today=datetime.date.today(), filters=filters)
        return super().get_context_data(
            form=form,
            rows=rows,
            can_create=permissions.can_create_plans(self.request.user),
            **kwargs,
        )


class PlanDetailView(PlanReadMixin, TemplateView):
    template_name = "recommendations/plan_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=datetime.date.today(), **kwargs)


class PlanCreateView(ServiceFormView):
    template_name = "recommendations/plan_form.html"
    form_class = PlanCreateForm
    success_message = "Action plan created"
    page_title = "Create an action plan"
    submit_label = "Create the plan"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_create_plans(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bodies": bodies_for_new_plan(user=self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_create(
            report_title=data["report_title"],
            report_published_on=data["report_published_on"],
            slug=data["slug"],
            title=data["report_title"],
            bodies=data["bodies"],
            user=self.request.user,
            change_reason=data["change_reason"],
        )

    def get_success_url(self):
        return reverse("recommendations:plan-detail", args=[self.result.slug])


class PlanSubmitView(PlanEditMixin, ServiceFormView):
    template_name = "recommendations/submit_form.html"
    form_class = SubmissionForm
    success_message = "Plan submitted. Reviewers now see this version."
    page_title = "Submit the plan to the inspectorate"
    submit_label = "Submit the plan"

    def previous(self):
        if not hasattr(self, "_previous"):
            self._previous = plan_versions(user=self.request.user, plan=self.plan).latest
        return self._previous

    def get_cancel_url(self):
        return self.get_success_url()

    def get_initial(self):
        previous = self.previous()
        kind = "updated_plan_submitted" if previous else "plan_submitted"
        return {"kind": kind, "change_note": self.drafted_change_note(previous)}

    def drafted_change_note(self, previous) -> str:
        """What changed since the last submission, drafted for the editor to edit."""
        if previous is None:
            return ""
        comparison = compare_plans(
            plan_snapshot(plan=self.plan, as_of=previous.submitted_at),
            plan_snapshot(plan=self.plan),
        )
        return draft_change_note(comparison)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            previous=self.previous(), plan=plan_snapshot(plan=self.plan), **kwargs
        )

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_submit(
            plan=self.plan,
            kind=data["kind"],
            label=data["label"],
            date=data["date"],
            change_note=data["change_note"],
            user=self.request.user,
        )

    def get_success_url(self):
        return reverse("recommendations:plan-detail", args=[self.plan.slug])
