"""Editing a plan's parts. Every view: the editor check, one form, one service call."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View

from .. import permissions, services
from ..forms import ADD_OWNER, ActionForm, GroupForm, ProgressUpdateForm, RecommendationForm
from ..models import Action, AddresseeGroup, Recommendation
from ..selectors import editing as editing_selectors
from ..selectors import owners as owner_selectors
from ..selectors.plans import categorisation_definitions
from .mixins import PlanEditMixin, ServiceFormView


class PlanPartMixin(PlanEditMixin):
    def get_cancel_url(self):
        return self.plan_url()

    def plan_url(self, anchor=""):
        return reverse("recommendations:plan-detail", args=[self.plan.slug]) + anchor

    def recommendation_url(self, rec):
        return reverse("recommendations:recommendation-detail", args=[self.plan.slug, rec.pk])


class GroupAddView(PlanPartMixin, ServiceFormView):
    template_name = "recommendations/group_form.html"
    form_class = GroupForm
    success_message = "Addressee heading added"
    page_title = "Add an addressee heading"

    def perform(self, form):
        return services.group_add(
            plan=self.plan,
            heading=form.cleaned_data["heading"],
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )

    def get_success_url(self):
        return self.plan_url(f"#group-{self.result.pk}")


class MoveView(PlanPartMixin, View):
    """Moves a heading, a recommendation or an action up or down among its siblings."""

    http_method_names = ["post"]
    kind = ""  # "group", "recommendation" or "action", set in the URLconf

    def target(self):
        """The item to move, its siblings, and where on the plan page to return to."""
        pk = self.kwargs["pk"]
        if self.kind == "group":
            group = get_object_or_404(AddresseeGroup, pk=pk, plan=self.plan)
            return group, self.plan.groups.all(), f"#group-{group.pk}"
        if self.kind == "recommendation":
            rec = get_object_or_404(Recommendation, pk=pk, group__plan=self.plan)
            return rec, rec.group.recommendations.all(), f"#rec-{rec.pk}"
        action = get_object_or_404(
            Action,
            pk=pk,
            recommendation_id=self.kwargs["rec"],
            recommendation__group__plan=self.plan,
        )
        return action, action.recommendation.actions.all(), f"#rec-{action.recommendation_id}"

    def post(self, request, **kwargs):
        instance, siblings, anchor = self.target()
        direction = request.POST.get("direction")
        if direction in {"up", "down"}:
            services.move(
                instance=instance, siblings=siblings, direction=direction, user=request.user
            )
            messages.success(request, "Order changed")
        return redirect(self.plan_url(anchor))


class RecommendationFormMixin(PlanPartMixin):
    template_name = "recommendations/recommendation_form.html"
    form_class = RecommendationForm

    def get_form_kwargs(self):
        definitions = categorisation_definitions(plan=self.plan)
        return {**super().get_form_kwargs(), "definitions": definitions}


class RecommendationAddView(RecommendationFormMixin, ServiceFormView):
    success_message = "Recommendation added"
    page_title = "Add a recommendation"

    def get_group(self):
        # An archived heading has left the plan: nothing is added under it.
        return get_object_or_404(
            AddresseeGroup, pk=self.kwargs["group"], plan=self.plan, archived_at__isnull=True
        )

    def get_initial(self):
        return {"agreement": "agreed"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.get_group(), **kwargs)

    def perform(self, form):
        return services.recommendation_add(
            group=self.get_group(),
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
            **form.recommendation_data(),
        )

    def get_success_url(self):
        return self.recommendation_url(self.result)


class RecommendationEditView(RecommendationFormMixin, ServiceFormView):
    success_message = "Recommendation updated"

    @property
    def page_title(self):
        return f"Change recommendation {self.get_object().reference}"

    def get_cancel_url(self):
        return self.recommendation_url(self.get_object())

    def get_object(self):
        return get_object_or_404(Recommendation, pk=self.kwargs["pk"], group__plan=self.plan)

    def get_initial(self):
        rec = self.get_object()
        return {
            **{name: getattr(rec, name) for name in RecommendationForm.recommendation_fields},
            "version": services.version_of(rec),
        }

    def describe_version(self, current):
        return [
            ("Recommendation", current.text),
            ("Agreement", current.get_agreement_display()),
            ("Explanation", current.rationale),
            ("Response", current.response),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.get_object(), **kwargs)

    def perform(self, form):
        return services.recommendation_update(
            recommendation=self.get_object(),
            data=form.recommendation_data(),
            version=form.cleaned_data["version"] or None,
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )

    def get_success_url(self):
        return self.recommendation_url(self.result)


class RecommendationPartMixin(PlanPartMixin):
    def get_recommendation(self):
        if not hasattr(self, "_rec"):
            self._rec = get_object_or_404(
                Recommendation, pk=self.kwargs["rec"], group__plan=self.plan
            )
        return self._rec

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owner_names": self.owner_names()}

    def owner_names(self):
        return ()

    def post(self, request, *args, **kwargs):
        if ADD_OWNER in request.POST:
            return self.another_owner()
        return super().post(request, *args, **kwargs)

    def another_owner(self):
        """The form again with what was typed and one more owner box; nothing saved."""
        typed = self.get_form()
        values = typed.raw_values()
        owners = [values.pop(name) or "" for name in typed.owner_field_names()]
        kwargs = self.get_form_kwargs()
        kwargs.pop("data")
        kwargs.pop("files")
        form = self.get_form_class()(**{**kwargs, "initial": values, "owner_names": owners})
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendation=self.get_recommendation(),
            known_owners=owner_selectors.owner_names(),
            **kwargs,
        )

    def get_success_url(self):
        return self.recommendation_url(self.get_recommendation())

    def get_cancel_url(self):
        return self.get_success_url()


class _ActionFormMixin(RecommendationPartMixin):
    template_name = "recommendations/action_form.html"
    form_class = ActionForm

    def service_arguments(self, form) -> dict:
        """What both action services take from the form besides the action's fields."""
        return {
            "owner_names": form.owner_names(),
            "user": self.request.user,
            "change_reason": form.cleaned_data["change_reason"],
        }


class ActionAddView(_ActionFormMixin, ServiceFormView):
    success_message = "Action added"
    page_title = "Add an action"

    def get_initial(self):
        return {"status": "in_progress"}

    def perform(self, form):
        return services.action_add(
            recommendation=self.get_recommendation(),
            **form.action_data(),
            **self.service_arguments(form),
        )


class ActionEditView(_ActionFormMixin, ServiceFormView):
    success_message = "Action updated"
    page_title = "Change an action"

    def get_action(self):
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                Action, pk=self.kwargs["pk"], recommendation=self.get_recommendation()
            )
        return self._action

    def owner_names(self):
        return owner_selectors.action_owner_names(action=self.get_action())

    def baseline_fixed(self) -> bool:
        if not hasattr(self, "_baseline_fixed"):
            self._baseline_fixed = editing_selectors.baselines_fixed(plan=self.plan)
        return self._baseline_fixed

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "baseline_fixed": self.baseline_fixed()}

    def get_initial(self):
        action = self.get_action()
        return {
            "text": action.text,
            "target_text": action.target_text,
            "status": action.status,
            "version": services.version_of(action),
        }

    def describe_version(self, current):
        return [
            ("Action", current.text),
            ("Responsible owners", ", ".join(owner_selectors.action_owner_names(action=current))),
            ("Target date", current.target_text),
            ("Status", current.get_status_display()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action=self.get_action(),
            baseline_fixed=self.baseline_fixed(),
            can_correct_baseline=permissions.role_of(self.request.user) == permissions.ADMIN,
            **kwargs,
        )

    def perform(self, form):
        return services.action_update(
            action=self.get_action(),
            data=form.action_data(),
            version=form.cleaned_data["version"] or None,
            **self.service_arguments(form),
        )


class RoundChoiceMixin:
    """A form asking for a reporting round: the plan's rounds offered, one chosen."""

    def round_labels(self) -> list[str]:
        """The plan's rounds, earliest first (read once per request)."""
        if not hasattr(self, "_round_labels"):
            self._round_labels = editing_selectors.round_labels(plan=self.plan)
        return self._round_labels

    def get_initial(self):
        # From a round's task list the round is given; otherwise the latest.
        labels = self.round_labels()
        given = self.request.GET.get("round", "")
        return {"round": given if given in labels else (labels[-1] if labels else "")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round_labels=self.round_labels(), **kwargs)


class ProgressAddView(RoundChoiceMixin, RecommendationPartMixin, ServiceFormView):
    template_name = "recommendations/progress_form.html"
    form_class = ProgressUpdateForm
    success_message = "Progress update added"
    page_title = "Add a progress update"
    field_map = {"target_month": "target_text"}

    def get_form_kwargs(self):
        actions = editing_selectors.recommendation_actions(recommendation=self.get_recommendation())
        return {**super().get_form_kwargs(), "actions": actions}

    def perform(self, form):
        return services.progress_update_add(
            recommendation=self.get_recommendation(), user=self.request.user, **form.progress_data()
        )
