"""The front matter's pages: everything before the action plan table (the report, the
plan's title, caveat, introduction and bodies, its milestones and categorisation table),
renaming addressee headings, and the administrators' list of responding bodies.

Every edit: the editor check, one form with the version it was loaded from, one
service call."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import permissions, services
from ..forms import (
    BodyForm,
    CategorisationTermForm,
    GroupEditForm,
    MilestoneForm,
    PlanBodiesForm,
    PlanTextForm,
    ReportForm,
)
from ..forms.front_matter import BODY_SLOTS
from ..models import AddresseeGroup, CategorisationTerm, Milestone, ResponsibleBody
from ..selectors.front_matter import body_list, editable_milestones, front_matter, plan_bodies
from .editing import MoveView
from .mixins import AdminOnlyMixin, PlanEditMixin, ServiceFormView


def front_matter_url(plan, anchor: str = "") -> str:
    return reverse("recommendations:front-matter", args=[plan.slug]) + anchor


def edit_arguments(request, form) -> dict:
    """What every update service takes from its form besides the data."""
    return {
        "version": form.cleaned_data["version"] or None,
        "user": request.user,
        "change_reason": form.cleaned_data["change_reason"],
    }


def edit_initial(instance, form_class) -> dict:
    """An edit form's starting values: the record's saved fields and its version."""
    return {
        **{name: getattr(instance, name) for name in form_class.fields_saved},
        "version": services.version_of(instance),
    }


class FrontMatterView(PlanEditMixin, TemplateView):
    """The front matter as a summary list, with a "Change" link for each part."""

    template_name = "recommendations/front_matter.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            front=front_matter(plan=self.plan),
            is_admin=permissions.role_of(self.request.user) == permissions.ADMIN,
            **kwargs,
        )


class _FrontMatterFormMixin(PlanEditMixin):
    template_name = "recommendations/front_matter_form.html"
    anchor = ""

    def get_cancel_url(self):
        return front_matter_url(self.plan)

    def get_success_url(self):
        return front_matter_url(self.plan, self.anchor)


class ReportEditView(_FrontMatterFormMixin, ServiceFormView):
    form_class = ReportForm
    success_message = "Report details updated"
    page_title = "Change the report's details"
    anchor = "#report"

    def get_initial(self):
        return edit_initial(self.plan.report, ReportForm)

    def describe_version(self, current):
        published = f"{current.published_on:%-d %B %Y}" if current.published_on else ""
        return [
            ("Inspection report title", current.title),
            ("Date the report was published", published),
            ("Inspection period", current.inspection_period),
        ]

    def perform(self, form):
        return services.report_update(
            plan=self.plan, data=form.saved_data(), **edit_arguments(self.request, form)
        )


class PlanTextEditView(_FrontMatterFormMixin, ServiceFormView):
    form_class = PlanTextForm
    success_message = "Plan title, caveat and introduction updated"
    page_title = "Change the plan's title, caveat and introduction"
    anchor = "#plan"

    def get_initial(self):
        return edit_initial(self.plan, PlanTextForm)

    def describe_version(self, current):
        return [
            ("Title of the action plan", current.title),
            ("Caveat", current.caveat),
            ("Introduction", current.introduction),
        ]

    def perform(self, form):
        return services.plan_update(
            plan=self.plan, data=form.saved_data(), **edit_arguments(self.request, form)
        )


class PlanBodiesEditView(_FrontMatterFormMixin, ServiceFormView):
    form_class = PlanBodiesForm
    success_message = "Responding bodies updated"
    page_title = "Change the responding bodies"
    anchor = "#plan"
    field_map = {"bodies": "body_1"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bodies": body_list()}

    def get_initial(self):
        chosen = plan_bodies(plan=self.plan)[:BODY_SLOTS]
        return {
            **{f"body_{i + 1}": str(body.pk) for i, body in enumerate(chosen)},
            "version": services.version_of(self.plan),
        }

    def describe_version(self, current):
        return [("Responding bodies", ", ".join(b.name for b in plan_bodies(plan=current)))]

    def perform(self, form):
        return services.plan_bodies_set(
            plan=self.plan, bodies=form.chosen_bodies(), **edit_arguments(self.request, form)
        )


class MilestoneAddView(_FrontMatterFormMixin, ServiceFormView):
    form_class = MilestoneForm
    success_message = "Milestone added"
    page_title = "Add a milestone"

    def get_initial(self):
        return {"kind": Milestone.Kind.OTHER}

    def perform(self, form):
        return services.milestone_add(
            plan=self.plan,
            **form.saved_data(),
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )

    def get_success_url(self):
        return front_matter_url(self.plan, f"#milestone-{self.result.pk}")


class MilestoneEditView(_FrontMatterFormMixin, ServiceFormView):
    """Submissions are not found here (404): only submitting the plan makes them."""

    form_class = MilestoneForm
    success_message = "Milestone updated"
    page_title = "Change a milestone"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                editable_milestones(plan=self.plan), pk=self.kwargs["pk"]
            )
        return self._object

    def get_initial(self):
        return edit_initial(self.get_object(), MilestoneForm)

    def describe_version(self, current):
        return [("Milestone", current.label), ("Date", f"{current.date:%-d %B %Y}")]

    def perform(self, form):
        return services.milestone_update(
            milestone=self.get_object(),
            data=form.saved_data(),
            **edit_arguments(self.request, form),
        )

    def get_success_url(self):
        return front_matter_url(self.plan, f"#milestone-{self.get_object().pk}")


class MilestoneMoveView(MoveView):
    """Moves a milestone that is not a submission up or down; back to the front matter."""

    def target(self):
        milestone = get_object_or_404(editable_milestones(plan=self.plan), pk=self.kwargs["pk"])
        return milestone, self.plan.milestones.all(), f"#milestone-{milestone.pk}"

    def plan_url(self, anchor=""):
        return front_matter_url(self.plan, anchor)


class CategorisationTermEditView(_FrontMatterFormMixin, ServiceFormView):
    form_class = CategorisationTermForm
    success_message = "Categorisation table updated"

    @property
    def page_title(self):
        return f"Change the categorisation of “{self.get_object().get_term_display()}”"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                CategorisationTerm, pk=self.kwargs["pk"], plan=self.plan
            )
        return self._object

    def get_initial(self):
        return edit_initial(self.get_object(), CategorisationTermForm)

    def describe_version(self, current):
        return [("Definition", current.definition), ("Additional comment", current.comment)]

    def perform(self, form):
        return services.categorisation_term_update(
            term=self.get_object(), data=form.saved_data(), **edit_arguments(self.request, form)
        )

    def get_success_url(self):
        return front_matter_url(self.plan, "#categorisation")


class CategorisationStandardAddView(PlanEditMixin, View):
    """Gives a plan made before new plans had one the standard categorisation table."""

    http_method_names = ["post"]

    def post(self, request, **kwargs):
        services.categorisation_standard_add(
            plan=self.plan, user=request.user, change_reason="Standard categorisation table"
        )
        messages.success(request, "Standard categorisation table added")
        return redirect(front_matter_url(self.plan, "#categorisation"))


class GroupEditView(PlanEditMixin, ServiceFormView):
    template_name = "recommendations/group_form.html"
    form_class = GroupEditForm
    success_message = "Addressee heading updated"
    page_title = "Change an addressee heading"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                AddresseeGroup, pk=self.kwargs["pk"], plan=self.plan, archived_at__isnull=True
            )
        return self._object

    def get_initial(self):
        group = self.get_object()
        return {"heading": group.heading, "version": services.version_of(group)}

    def describe_version(self, current):
        return [("Addressee heading", current.heading)]

    def perform(self, form):
        return services.group_update(
            group=self.get_object(),
            heading=form.cleaned_data["heading"],
            **edit_arguments(self.request, form),
        )

    def get_cancel_url(self):
        return reverse("recommendations:plan-detail", args=[self.plan.slug])

    def get_success_url(self):
        return self.get_cancel_url() + f"#group-{self.get_object().pk}"


class BodyListView(AdminOnlyMixin, TemplateView):
    template_name = "recommendations/body_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bodies=body_list(), **kwargs)


class _BodyFormMixin(AdminOnlyMixin):
    template_name = "recommendations/form_page.html"
    form_class = BodyForm

    def get_cancel_url(self):
        return reverse("recommendations:body-list")

    def get_success_url(self):
        return self.get_cancel_url() + f"#body-{self.result.pk}"


class BodyAddView(_BodyFormMixin, ServiceFormView):
    success_message = "Responding body added"
    page_title = "Add a responding body"

    def perform(self, form):
        return services.body_add(
            **form.saved_data(),
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )


class BodyEditView(_BodyFormMixin, ServiceFormView):
    success_message = "Responding body updated"
    page_title = "Change a responding body"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(ResponsibleBody, pk=self.kwargs["pk"])
        return self._object

    def get_initial(self):
        return edit_initial(self.get_object(), BodyForm)

    def describe_version(self, current):
        return [
            ("Name", current.name),
            ("Short name", current.short_name),
            ("Alternative text for the logo", current.logo_alt),
        ]

    def perform(self, form):
        return services.body_update(
            body=self.get_object(),
            data=form.saved_data(),
            **edit_arguments(self.request, form),
        )
