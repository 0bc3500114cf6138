"""What reviewers need: history, comparisons, slippage, and their own assessments."""

import csv
import datetime
import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import permissions, selectors, services
from ..compare import compare_plans
from ..forms import (
    AssessmentForm,
    CommentForm,
    CompareForm,
    SlippageFilterForm,
    add_service_errors,
)
from ..history import plan_timeline
from ..models import ActionPlan, Recommendation
from ..snapshots import plan_snapshot
from .mixins import PlanReadMixin

LONDON = zoneinfo.ZoneInfo("Europe/London")
WORKING = "working"


class PlanHistoryView(PlanReadMixin, TemplateView):
    template_name = "recommendations/history.html"

    def get_context_data(self, **kwargs):
        rec_id = self.kwargs.get("pk")
        events = plan_timeline(plan=self.plan, until=self.as_of, recommendation_id=rec_id)
        recommendation = None
        if rec_id is not None:
            recommendation = next(
                (r for r in self.get_snapshot().recommendations if r.id == rec_id), None
            )
            if recommendation is None and not events:
                raise Http404("No such recommendation")
        return super().get_context_data(events=events, recommendation=recommendation, **kwargs)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=LONDON)


class CompareView(PlanReadMixin, TemplateView):
    template_name = "recommendations/compare.html"

    def versions(self):
        cap = self.as_of
        submissions = [
            m
            for m in self.plan.milestones.filter(submitted_at__isnull=False).order_by(
                "submitted_at"
            )
            if cap is None or m.submitted_at <= cap
        ]
        choices = [(str(m.pk), f"{m.label}, {m.date:%-d %B %Y}") for m in submissions]
        if self.can_edit:
            choices.append((WORKING, "Working version (not submitted)"))
        return submissions, choices

    def resolve(self, choice: str, day, submissions, default):
        """A moment of the plan this user may read, or None for the working version."""
        if day:
            moment = _end_of_day(day)
            return min(moment, self.as_of) if self.as_of else moment, day.strftime("%-d %B %Y")
        if choice == WORKING and self.can_edit:
            return None, "Working version"
        chosen = next((m for m in submissions if str(m.pk) == choice), default)
        if chosen is None:
            return None, "Working version"
        return chosen.submitted_at, f"{chosen.label}, {chosen.date:%-d %B %Y}"

    def get_context_data(self, **kwargs):
        submissions, choices = self.versions()
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
            old_at, old_label = self.resolve(
                form.cleaned_data["old"], form.cleaned_data["old_date"], submissions, default_old
            )
            new_at, new_label = self.resolve(
                form.cleaned_data["new"], form.cleaned_data["new_date"], submissions, default_new
            )
            comparison = compare_plans(
                plan_snapshot(plan=self.plan, as_of=old_at),
                plan_snapshot(plan=self.plan, as_of=new_at),
            )
            kwargs.update(old_label=old_label, new_label=new_label)
        return super().get_context_data(form=form, comparison=comparison, **kwargs)


class SlippageReportView(TemplateView):
    template_name = "recommendations/slippage.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if request.GET.get("format") == "csv":
            return _slippage_csv(context["slipped"], context["overdue"])
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        today = datetime.date.today()
        views = selectors.visible_snapshots(self.request.user)
        rows = selectors.slippage_rows(views, today=today)
        form = SlippageFilterForm(
            self.request.GET or None,
            plans=[(v.slug, v.report_title) for v in views],
            owners=sorted({o for v in views for a in v.actions for o in a.owners}),
            addressees=sorted({g.heading for v in views for g in v.groups}),
        )
        if form.is_valid():
            data = form.cleaned_data
            rows = [
                r
                for r in rows
                if (not data["plan"] or r.plan.slug == data["plan"])
                and (not data["owner"] or data["owner"] in r.owners)
                and (not data["addressee"] or r.addressee == data["addressee"])
            ]
        return super().get_context_data(
            form=form,
            slipped=[r for r in rows if r.months_slipped > 0],
            overdue=[r for r in rows if r.overdue],
            today=today,
            **kwargs,
        )


def _slippage_csv(slipped, overdue) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="slippage.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Report",
            "Plan",
            "Addressee",
            "Recommendation",
            "Action",
            "Owners",
            "Baseline target",
            "Current target",
            "Months slipped",
            "Times revised",
            "Reasons",
            "Overdue",
        ]
    )
    seen = set()
    for row in [*slipped, *overdue]:
        if id(row) in seen:
            continue
        seen.add(id(row))
        writer.writerow(
            [
                _csv_safe(row.plan.report_title),
                row.plan.slug,
                _csv_safe(row.addressee),
                row.reference,
                row.number,
                _csv_safe("; ".join(row.owners)),
                _csv_safe(row.baseline),
                _csv_safe(row.current),
                row.months_slipped,
                row.times_revised,
                _csv_safe("; ".join(row.reasons)),
                "Yes" if row.overdue else "No",
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheets: never let data run as one.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


class _SubmissionWriteMixin:
    """Writes about a recommendation as it stands in the latest submission."""

    def setup_objects(self, request, slug, pk):
        self.plan = get_object_or_404(ActionPlan, slug=slug)
        self.recommendation = get_object_or_404(Recommendation, pk=pk, group__plan=self.plan)
        self.submission = permissions.latest_submission(self.plan)
        if self.submission is None:
            raise PermissionDenied

    def back(self):
        return redirect(
            reverse(
                "recommendations:recommendation-detail",
                args=[self.plan.slug, self.recommendation.pk],
            )
            + "#assessment"
        )


class AssessmentView(_SubmissionWriteMixin, View):
    """Reviewers (and administrators) record the inspectorate's judgement; nobody else."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        if permissions.role_of(request.user) not in {permissions.REVIEWER, permissions.ADMIN}:
            raise PermissionDenied
        self.setup_objects(request, slug, pk)
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.assessment_record(
                    recommendation=self.recommendation,
                    submission=self.submission,
                    user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if form.errors:
            return _recommendation_page_with(request, slug, pk, assessment_form=form)
        messages.success(request, "Assessment recorded")
        return self.back()


class CommentView(_SubmissionWriteMixin, View):
    """Reviewers and the plan's editors discuss a recommendation within a submission."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        self.setup_objects(request, slug, pk)
        if not permissions.can_comment(request.user, self.plan):
            raise PermissionDenied
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment_add(
                    recommendation=self.recommendation,
                    submission=self.submission,
                    user=request.user,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if form.errors:
            return _recommendation_page_with(request, slug, pk, comment_form=form)
        messages.success(request, "Comment added")
        return self.back()


def _recommendation_page_with(request, slug, pk, **forms):
    """Show the recommendation page again with a refused form's errors and input."""
    from .reading import RecommendationDetailView

    view = RecommendationDetailView.as_view(extra_context=forms)
    request.method = "GET"
    return view(request, slug=slug, pk=pk)
