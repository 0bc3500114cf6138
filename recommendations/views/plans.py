import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from .. import permissions, selectors, services
from ..compare import compare_plans, draft_change_note
from ..forms import PlanCreateForm, PlanFilterForm, SubmissionForm
from ..models import ResponsibleBody
from ..snapshots import plan_snapshot
from .mixins import PlanEditMixin, PlanReadMixin, ServiceFormView


class PlanListView(TemplateView):
    template_name = "recommendations/plan_list.html"

    def get_context_data(self, **kwargs):
        form = PlanFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        today = datetime.date.today()
        rows = []
        for plan in selectors.plan_list():
            row = selectors.plan_row_for(user=self.request.user, plan=plan, today=today)
            if row and selectors.plan_row_matches(row, **filters, today=today):
                rows.append(row)
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
        kwargs = super().get_form_kwargs()
        if permissions.role_of(self.request.user) != permissions.ADMIN:
            kwargs["bodies"] = ResponsibleBody.objects.filter(
                id__in=permissions.body_ids_of(self.request.user)
            )
        return kwargs

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

    def get_cancel_url(self):
        return self.get_success_url()

    def get_initial(self):
        previous = permissions.latest_submission(self.plan)
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
            previous=permissions.latest_submission(self.plan),
            plan=plan_snapshot(plan=self.plan),
            **kwargs,
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


def move_view(request, *, instance, siblings, plan, anchor=""):
    """POST-only reordering shared by groups, recommendations and actions."""
    direction = request.POST.get("direction")
    if direction in {"up", "down"}:
        services.move(instance=instance, siblings=siblings, direction=direction, user=request.user)
        messages.success(request, "Order changed")
    return redirect(reverse("recommendations:plan-detail", args=[plan.slug]) + anchor)
