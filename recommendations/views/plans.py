"""The plans list, one plan's page, creating a plan and submitting it."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from .. import permissions, services
from ..forms import PlanCreateForm, PlanFilterForm, PlanOnDateForm, SubmissionForm
from ..review.change_notes import draft_change_note
from ..review.compare import compare_plans
from ..selectors.inspectorate import plan_assessments
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
    """The plan: the version this user reads, or a past one they chose (by submission,
    or as it stood on a day, typed in the date input)."""

    template_name = "recommendations/plan_detail.html"
    choose_version = True
    DAY_BOXES = ("as_of_day", "as_of_month", "as_of_year")

    def get(self, request, *args, **kwargs):
        if any(box in request.GET for box in self.DAY_BOXES):
            self.version_form = PlanOnDateForm(request.GET)
            if self.version_form.is_valid():
                day = self.version_form.cleaned_data["as_of"]
                return redirect(f"{request.path}?as_of={day.isoformat()}")
        return super().get(request, *args, **kwargs)

    def get_version_form(self) -> PlanOnDateForm:
        form = getattr(self, "version_form", None)
        if self.version_error:
            # The day was a real date, but this reader has no version of the plan then.
            day = datetime.date.fromisoformat(self.request.GET["as_of"])
            form = PlanOnDateForm(
                dict(zip(self.DAY_BOXES, (day.day, day.month, day.year), strict=True))
            )
            form.is_valid()
            form.add_error("as_of", self.version_error)
        return form or PlanOnDateForm(initial={"as_of": self.versions.chosen_day})

    def get_context_data(self, **kwargs):
        snapshot = self.get_snapshot()  # may find the day too early: version_error
        assessed = self.versions.read_submission or self.versions.latest
        return super().get_context_data(
            today=datetime.date.today(),
            version_form=self.get_version_form(),
            assessments=plan_assessments(submission=assessed) if snapshot else {},
            **kwargs,
        )


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
