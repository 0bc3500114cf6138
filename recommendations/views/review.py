"""What reviewers need: history, comparisons, slippage, and their own assessments."""

import datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from govuk.forms import add_service_errors

from .. import permissions, services
from ..forms import AssessmentForm, CommentForm, CompareForm, SlippageFilterForm
from ..models import ActionPlan, Milestone, Recommendation
from ..review.compare import compare_plans
from ..review.slippage import (
    slippage_csv,
    slippage_filter,
    slippage_filters,
    slippage_rows,
    slippage_tables,
)
from ..review.timeline import plan_timeline
from ..selectors.inspectorate import plan_assessments
from ..selectors.plans import visible_snapshots
from ..selectors.submissions import submission_view
from ..selectors.versions import plan_versions
from ..snapshots import DUE_SOON_DAYS, plan_snapshot
from .mixins import PlanReadMixin

WORKING = "working"


class PlanHistoryView(PlanReadMixin, TemplateView):
    template_name = "recommendations/history.html"

    def get_context_data(self, **kwargs):
        rec_id = self.kwargs.get("pk")
        # Readers who are not the plan's editors see it change from submission to submission.
        submitted = None
        if not self.can_edit:
            submitted = [m.submitted_at for m in self.versions.readable_submissions]
        events = plan_timeline(
            plan=self.plan, until=self.as_of, recommendation_id=rec_id, submitted=submitted
        )
        recommendation = None
        if rec_id is not None:
            recommendation = next(
                (r for r in self.get_snapshot().recommendations if r.id == rec_id), None
            )
            if recommendation is None and not events:
                raise Http404("No such recommendation")
        return super().get_context_data(events=events, recommendation=recommendation, **kwargs)


NOT_YET = object()  # a day before the first version this reader may read


def _day(day: datetime.date) -> str:
    return day.strftime("%-d %B %Y")


class CompareView(PlanReadMixin, TemplateView):
    template_name = "recommendations/compare.html"

    def choices(self, submissions):
        choices = [(str(m.pk), f"{m.label}, {m.date:%-d %B %Y}") for m in submissions]
        if self.can_edit:
            choices.append((WORKING, "Working version (not submitted)"))
        return choices

    def resolve(self, choice: str, day, submissions, default):
        """A moment of the plan this user may read (None for the working version), its
        label, and the submission chosen, if one was (read as frozen, not from history)."""
        if day:
            # Readers who are not the plan's editors get the submission made by that day,
            # never the working state between two submissions. Nothing that early: the
            # moment is before every version, and the snapshot says so beside the date.
            try:
                chosen = self.versions.on_day(day)
            except Milestone.DoesNotExist:
                return self.versions.submissions[0].submitted_at, _day(day), NOT_YET
            if chosen.chosen_submission is not None:
                milestone = chosen.chosen_submission
                label = f"{_day(day)} ({milestone.label}, {milestone.date:%-d %B %Y})"
                return milestone.submitted_at, label, milestone
            return chosen.as_of, _day(day), None
        if choice == WORKING and self.can_edit:
            return None, "Working version", None
        chosen = next((m for m in submissions if str(m.pk) == choice), default)
        if chosen is None:
            return None, "Working version", None
        return chosen.submitted_at, f"{chosen.label}, {chosen.date:%-d %B %Y}", chosen

    def get_context_data(self, **kwargs):
        submissions = self.versions.readable_submissions
        choices = self.choices(submissions)
        if not choices:
            raise Http404("There is nothing to compare yet")
        default_new = submissions[-1] if submissions else None
        default_old = submissions[-2] if len(submissions) > 1 else default_new
        data = self.request.GET.copy()
        data.setdefault("old", str(default_old.pk) if default_old else WORKING)
        data.setdefault("new", str(default_new.pk) if default_new else WORKING)
        form = CompareForm(data, versions=choices)
        comparison = None
        if form.is_valid():
            old_at, old_label, old_submission = self.resolve(
                form.cleaned_data["old"], form.cleaned_data["old_date"], submissions, default_old
            )
            new_at, new_label, new_submission = self.resolve(
                form.cleaned_data["new"], form.cleaned_data["new_date"], submissions, default_new
            )
            old = self.snapshot_or_error(form, "old_date", old_at, old_label, old_submission)
            new = self.snapshot_or_error(form, "new_date", new_at, new_label, new_submission)
            if old and new:
                comparison = compare_plans(old, new)
                kwargs.update(
                    old_label=old_label,
                    new_label=new_label,
                    # The inspectorate's view beside the department's, where one was given.
                    old_assessments=plan_assessments(submission=old_submission),
                    new_assessments=plan_assessments(submission=new_submission),
                )
        return super().get_context_data(form=form, comparison=comparison, **kwargs)

    def snapshot_or_error(self, form, field: str, as_of, label: str, submission=None):
        """The plan at that moment, or an error beside the date if it did not exist yet."""
        if submission is NOT_YET:
            form.add_error(
                field, f"The plan had not been submitted by {label}: choose a later date"
            )
            return None
        if submission is not None:
            return submission_view(milestone=submission)
        try:
            return plan_snapshot(plan=self.plan, as_of=as_of)
        except ObjectDoesNotExist:
            form.add_error(field, f"The plan did not exist yet on {label}: choose a later date")
            return None


class SlippageReportView(TemplateView):
    """Slipped and overdue actions across every plan the reader may read; the dashboard's
    figures link here, one table chosen by `show` and the rows narrowed by the filters."""

    template_name = "recommendations/slippage.html"
    HEADINGS = {
        "": "Slipped and overdue actions",
        "overdue": "Overdue actions",
        "due": "Actions due in the next 30 days",
        "slipped": "Actions with target dates moved later",
    }

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                slippage_csv([row for rows in context["tables"].values() for row in rows]),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="slippage.csv"'
            return response
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        today = datetime.date.today()
        views = visible_snapshots(user=self.request.user)
        rows = slippage_rows(views, today=today)
        choices = slippage_filters(views)
        form = SlippageFilterForm(
            self.request.GET or None,
            plans=choices.plans,
            owners=choices.owners,
            addressees=choices.addressees,
            bodies=choices.bodies,
        )
        show = ""
        if form.is_valid():
            filters = dict(form.cleaned_data)
            show = filters.pop("show")
            rows = slippage_filter(rows, **filters)
        tables = slippage_tables(rows, show=show)
        return super().get_context_data(
            form=form,
            tables=tables,
            slipped=tables.get("slipped"),
            overdue=tables.get("overdue"),
            due=tables.get("due"),
            heading=self.HEADINGS[show],
            today=today,
            due_by=today + datetime.timedelta(days=DUE_SOON_DAYS),
            **kwargs,
        )


class _SubmissionWriteMixin(View):
    """Writes about a recommendation as it stands in the latest submission.

    Reviewers (and administrators) may write whatever the submission; `permitted`
    says who else may write this one.
    """

    http_method_names = ["post"]
    form_class = None
    success_message = ""
    extra_context_name = ""

    def permitted(self, user, plan) -> bool:  # pragma: no cover - each view defines it
        raise NotImplementedError

    def save(self, form):  # pragma: no cover - each view defines it
        raise NotImplementedError

    def post(self, request, slug, pk):
        self.plan = get_object_or_404(ActionPlan, slug=slug)
        if not self.permitted(request.user, self.plan):
            raise PermissionDenied
        self.recommendation = get_object_or_404(Recommendation, pk=pk, group__plan=self.plan)
        self.submission = plan_versions(user=request.user, plan=self.plan).latest
        if self.submission is None:
            raise PermissionDenied
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
        if form.errors:
            return _recommendation_page_with(request, slug, pk, **{self.extra_context_name: form})
        messages.success(request, self.success_message)
        return redirect(
            reverse("recommendations:recommendation-detail", args=[slug, pk]) + "#assessment"
        )


class AssessmentView(_SubmissionWriteMixin):
    """Reviewers (and administrators) record the inspectorate's judgement; nobody else."""

    form_class = AssessmentForm
    success_message = "Assessment recorded"
    extra_context_name = "assessment_form"

    def permitted(self, user, plan) -> bool:
        return permissions.can_assess(user)

    def save(self, form):
        services.assessment_record(
            recommendation=self.recommendation,
            submission=self.submission,
            user=self.request.user,
            **form.cleaned_data,
        )


class CommentView(_SubmissionWriteMixin):
    """Reviewers and the plan's editors discuss a recommendation within a submission."""

    form_class = CommentForm
    success_message = "Comment added"
    extra_context_name = "comment_form"

    def permitted(self, user, plan) -> bool:
        return permissions.can_comment(user, plan)

    def save(self, form):
        services.comment_add(
            recommendation=self.recommendation,
            submission=self.submission,
            user=self.request.user,
            text=form.cleaned_data["text"],
        )


def _recommendation_page_with(request, slug, pk, **forms):
    """Show the recommendation page again with a refused form's errors and input."""
    from .reading import RecommendationDetailView

    view = RecommendationDetailView.as_view(extra_context=forms)
    request.method = "GET"
    return view(request, slug=slug, pk=pk)
