"""Targets once a plan is submitted (revised with a reason, or corrected by an
administrator), and changing a progress entry. Each view: one form, one service call."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import permissions, services
from ..forms import BaselineCorrectionForm, ProgressEditForm, TargetRevisionForm
from ..models import Action, ProgressUpdate
from ..selectors import editing as editing_selectors
from ..selectors import owners as owner_selectors
from .editing import PlanPartMixin, RecommendationPartMixin, RoundChoiceMixin
from .mixins import ServiceFormView


class _ActionTargetMixin(PlanPartMixin):
    """An action of the plan from the URL, and the way back to its recommendation."""

    template_name = "recommendations/target_form.html"

    def get_action(self) -> Action:
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                Action.objects.select_related("recommendation"),
                pk=self.kwargs["pk"],
                recommendation_id=self.kwargs["rec"],
                recommendation__group__plan=self.plan,
                archived_at__isnull=True,
            )
        return self._action

    def get_success_url(self):
        action = self.get_action()
        return self.recommendation_url(action.recommendation) + f"#action-{action.pk}"

    def get_cancel_url(self):
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        action = self.get_action()
        choices = editing_selectors.recommendation_actions(recommendation=action.recommendation)
        current = next((a for a in choices if a.id == action.pk), None)
        return super().get_context_data(
            action=action,
            recommendation=action.recommendation,
            current_target=current.current_target_text if current else action.target_text,
            **kwargs,
        )


class ActionTargetReviseView(RoundChoiceMixin, _ActionTargetMixin, ServiceFormView):
    """A new target date and its reason, recorded as a revision: the baseline is kept."""

    form_class = TargetRevisionForm
    success_message = "Target date revised"
    page_title = "Revise the target date"
    field_map = {"target_month": "target_text", "reason": "revision_reason"}

    def perform(self, form):
        return services.action_target_revise(
            action=self.get_action(), user=self.request.user, **form.revision_data()
        )


class BaselineCorrectView(_ActionTargetMixin, ServiceFormView):
    """An administrator overwrites a baseline typed wrongly, saying why."""

    form_class = BaselineCorrectionForm
    success_message = "Baseline target date corrected"
    page_title = "Correct the baseline target date"
    submit_label = "Correct the baseline"
    field_map = {"target_month": "target_text"}

    def dispatch(self, request, *args, **kwargs):
        if permissions.role_of(request.user) != permissions.ADMIN:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        action = self.get_action()
        return {"target_text": action.target_text, "version": services.version_of(action)}

    def describe_version(self, current):
        return [("Original target date", current.target_text)]

    def perform(self, form):
        data = form.cleaned_data
        return services.action_baseline_correct(
            action=self.get_action(),
            target_text=data["target_text"],
            reason=data["baseline_correction_reason"],
            version=data["version"] or None,
            user=self.request.user,
        )


class ProgressEditView(RecommendationPartMixin, ServiceFormView):
    template_name = "recommendations/progress_form.html"
    form_class = ProgressEditForm
    success_message = "Progress update changed"
    page_title = "Change a progress update"
    field_map = {"target_month": "target_text"}

    def get_update(self) -> ProgressUpdate:
        if not hasattr(self, "_update"):
            self._update = get_object_or_404(
                ProgressUpdate.objects.select_related("round"),
                pk=self.kwargs["pk"],
                recommendation=self.get_recommendation(),
                archived_at__isnull=True,
            )
        return self._update

    def owner_names(self):
        return owner_selectors.progress_owner_names(update=self.get_update())

    def get_form_kwargs(self):
        actions = editing_selectors.recommendation_actions(recommendation=self.get_recommendation())
        return {**super().get_form_kwargs(), "actions": actions}

    def get_initial(self):
        update = self.get_update()
        return {
            "text": update.text,
            "status": update.status,
            "target_text": update.target_text,
            "revises_action": update.revises_action_id or "",
            "revision_reason": update.revision_reason,
            "version": services.version_of(update),
        }

    def describe_version(self, current):
        return [
            ("Progress made", current.text),
            ("Responsible owners", ", ".join(owner_selectors.progress_owner_names(update=current))),
            ("Status", current.get_status_display()),
            ("Target date", current.target_text),
            ("Reason the target date has changed", current.revision_reason),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(update=self.get_update(), **kwargs)

    def perform(self, form):
        return services.progress_update_update(
            update=self.get_update(),
            data=form.progress_changes(),
            owner_names=form.owner_names(),
            version=form.cleaned_data["version"] or None,
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
        )
