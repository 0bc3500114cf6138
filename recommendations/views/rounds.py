"""The progress round as a task list: start a round, see each open recommendation's
update for it, mark each done, and submit from the round."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import services
from ..forms.rounds import RoundStartForm, RoundSubmissionForm
from ..models import Recommendation
from ..review.change_notes import no_update_line
from ..selectors.rounds import NOT_STARTED, round_get, round_tasks
from ..snapshots import plan_snapshot
from .mixins import PlanEditMixin, ServiceFormView
from .plans import PlanSubmitView


class RoundStartView(PlanEditMixin, ServiceFormView):
    template_name = "recommendations/form_page.html"
    form_class = RoundStartForm
    success_message = "Progress round started"
    page_title = "Start a progress round"
    submit_label = "Start the round"
    field_map = {"month": "label", "round": "label"}

    def get_cancel_url(self):
        return reverse("recommendations:plan-detail", args=[self.plan.slug])

    def perform(self, form):
        data = form.cleaned_data
        return services.round_start(
            plan=self.plan,
            label=data["label"],
            due_on=data["due_on"],
            user=self.request.user,
            change_reason=data["change_reason"],
        )

    def get_success_url(self):
        return reverse("recommendations:round-detail", args=[self.plan.slug, self.result.pk])


class _RoundMixin(PlanEditMixin):
    def get_round(self):
        if not hasattr(self, "_round"):
            self._round = round_get(plan=self.plan, pk=self.kwargs["round"])
            if self._round is None:
                raise Http404("No such round in this plan")
        return self._round


class RoundDetailView(_RoundMixin, TemplateView):
    template_name = "recommendations/round_detail.html"

    def get_context_data(self, **kwargs):
        kwargs.pop("round", None)  # the URL's id: the round itself is given below
        round_ = self.get_round()
        tasks = round_tasks(view=plan_snapshot(plan=self.plan), round=round_)
        return super().get_context_data(
            round=round_,
            tasks=tasks,
            done=sum(t.status == "completed" for t in tasks),
            **kwargs,
        )


class RoundTaskMarkView(_RoundMixin, View):
    """Marks one recommendation's update done (or not done) for the round."""

    http_method_names = ["post"]

    def post(self, request, slug, round, pk):
        rec = get_object_or_404(Recommendation, pk=pk, group__plan=self.plan)
        done = request.POST.get("done") == "yes"
        try:
            services.round_task_mark(
                round=self.get_round(), recommendation=rec, done=done, user=request.user
            )
        except ValidationError as error:
            view = RoundDetailView.as_view(extra_context={"task_error": (rec, error.messages)})
            request.method = "GET"
            return view(request, slug=slug, round=round)
        state = "done" if done else "not done"
        messages.success(request, f"Recommendation {rec.reference} marked as {state}")
        url = reverse("recommendations:round-detail", args=[slug, round])
        return redirect(f"{url}#task-{rec.pk}")


class RoundSubmitView(_RoundMixin, PlanSubmitView):
    """Submitting from a round: what has no update in it is listed and confirmed, and
    the drafted change note names it."""

    form_class = RoundSubmissionForm

    def missing(self) -> list:
        if not hasattr(self, "_missing"):
            tasks = round_tasks(view=plan_snapshot(plan=self.plan), round=self.get_round())
            self._missing = [t for t in tasks if t.status == NOT_STARTED]
        return self._missing

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "missing": self.missing()}

    def get_initial(self):
        initial = super().get_initial()
        line = no_update_line(
            round_label=self.get_round().label,
            references=[t.recommendation.reference for t in self.missing()],
        )
        if line:
            initial["change_note"] = "\n".join(n for n in [initial["change_note"], line] if n)
        return initial

    def get_context_data(self, **kwargs):
        kwargs.pop("round", None)
        return super().get_context_data(round=self.get_round(), missing=self.missing(), **kwargs)

    def get_cancel_url(self):
        return reverse("recommendations:round-detail", args=[self.plan.slug, self.get_round().pk])
