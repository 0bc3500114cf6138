"""Editing a plan's parts. Every view: the editor check, one form, one service call."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from .. import selectors, services
from ..forms import ActionForm, GroupForm, OwnersMixin, ProgressUpdateForm, RecommendationForm
from ..models import Action, AddresseeGroup, Recommendation
from .mixins import PlanEditMixin, ServiceFormView
from .plans import move_view


class _PlanPartMixin(PlanEditMixin):
    def get_cancel_url(self):
        return self.plan_url()

    def plan_url(self, anchor=""):
        return reverse("recommendations:plan-detail", args=[self.plan.slug]) + anchor

    def recommendation_url(self, rec):
        return reverse("recommendations:recommendation-detail", args=[self.plan.slug, rec.pk])


class GroupAddView(_PlanPartMixin, ServiceFormView):
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


class GroupMoveView(_PlanPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        group = get_object_or_404(AddresseeGroup, pk=pk, plan=self.plan)
        return move_view(
            request,
            instance=group,
            siblings=self.plan.groups.all(),
            plan=self.plan,
            anchor=f"#group-{group.pk}",
        )


class RecommendationFormMixin(_PlanPartMixin):
    template_name = "recommendations/recommendation_form.html"
    form_class = RecommendationForm
    # The recommendation's own fields: everything the form asks but the change reason.
    fields = [f for f in RecommendationForm.field_order if f not in {"change_reason", "version"}]

    def get_form_kwargs(self):
        definitions = {t.term: t.definition for t in self.plan.categorisation.all()}
        return {**super().get_form_kwargs(), "definitions": definitions}

    def values(self, form):
        return {name: form.cleaned_data[name] for name in self.fields}


class RecommendationAddView(RecommendationFormMixin, ServiceFormView):
    success_message = "Recommendation added"
    page_title = "Add a recommendation"

    def get_group(self):
        return get_object_or_404(AddresseeGroup, pk=self.kwargs["group"], plan=self.plan)

    def get_initial(self):
        return {"agreement": "agreed"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.get_group(), **kwargs)

    def perform(self, form):
        return services.recommendation_add(
            group=self.get_group(),
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
            **self.values(form),
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
            **{name: getattr(rec, name) for name in self.fields},
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
            user=self.request.user,
            change_reason=form.cleaned_data["change_reason"],
            version=form.cleaned_data["version"] or None,
            **self.values(form),
        )

    def get_success_url(self):
        return self.recommendation_url(self.result)


class RecommendationMoveView(_PlanPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        rec = get_object_or_404(Recommendation, pk=pk, group__plan=self.plan)
        return move_view(
            request,
            instance=rec,
            siblings=rec.group.recommendations.all(),
            plan=self.plan,
            anchor=f"#rec-{rec.pk}",
        )


class _RecommendationPartMixin(_PlanPartMixin):
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

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendation=self.get_recommendation(),
            known_owners=OwnersMixin.known_owner_names(),
            **kwargs,
        )

    def get_success_url(self):
        return self.recommendation_url(self.get_recommendation())

    def get_cancel_url(self):
        return self.get_success_url()


class ActionAddView(_RecommendationPartMixin, ServiceFormView):
    template_name = "recommendations/action_form.html"
    form_class = ActionForm
    success_message = "Action added"
    page_title = "Add an action"

    def get_initial(self):
        return {"status": "in_progress"}

    def perform(self, form):
        data = form.cleaned_data
        owners = [
            services.owner_get_or_create(name=n, user=self.request.user) for n in form.owner_names()
        ]
        return services.action_add(
            recommendation=self.get_recommendation(),
            text=data["text"],
            owners=owners,
            target_text=data["target_text"],
            status=data["status"],
            user=self.request.user,
            change_reason=data["change_reason"],
        )


class ActionEditView(_RecommendationPartMixin, ServiceFormView):
    template_name = "recommendations/action_form.html"
    form_class = ActionForm
    success_message = "Action updated"
    page_title = "Change an action"

    def get_action(self):
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                Action, pk=self.kwargs["pk"], recommendation=self.get_recommendation()
            )
        return self._action

    def owner_names(self):
        action = self.get_action()
        rows = action.owners.through.objects.filter(action=action).order_by("id")
        return [row.owner.name for row in rows.select_related("owner")]

    def get_initial(self):
        action = self.get_action()
        return {
            "text": action.text,
            "target_text": action.target_text,
            "status": action.status,
            "version": services.version_of(action),
        }

    def describe_version(self, current):
        owners = current.owners.through.objects.filter(action=current).order_by("id")
        return [
            ("Action", current.text),
            (
                "Responsible owners",
                ", ".join(row.owner.name for row in owners.select_related("owner")),
            ),
            ("Target date", current.target_text),
            ("Status", current.get_status_display()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.get_action(), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        owners = [
            services.owner_get_or_create(name=n, user=self.request.user) for n in form.owner_names()
        ]
        return services.action_update(
            action=self.get_action(),
            owners=owners,
            text=data["text"],
            target_text=data["target_text"],
            status=data["status"],
            user=self.request.user,
            change_reason=data["change_reason"],
            version=data["version"] or None,
        )


class ActionMoveView(_PlanPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, rec, pk):
        action = get_object_or_404(
            Action, pk=pk, recommendation_id=rec, recommendation__group__plan=self.plan
        )
        return move_view(
            request,
            instance=action,
            siblings=action.recommendation.actions.all(),
            plan=self.plan,
            anchor=f"#rec-{rec}",
        )


class ProgressAddView(_RecommendationPartMixin, ServiceFormView):
    template_name = "recommendations/progress_form.html"
    form_class = ProgressUpdateForm
    success_message = "Progress update added"
    page_title = "Add a progress update"
    field_map = {"target_month": "target_text"}

    def current_actions(self):
        return selectors.recommendation_actions(recommendation=self.get_recommendation())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actions": self.current_actions()}

    def round_labels(self) -> list[str]:
        """The plan's rounds, earliest first (read once per request)."""
        if not hasattr(self, "_round_labels"):
            self._round_labels = list(self.plan.rounds.values_list("label", flat=True))
        return self._round_labels

    def get_initial(self):
        labels = self.round_labels()
        return {"round": labels[-1] if labels else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round_labels=self.round_labels(), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        rec = self.get_recommendation()
        round_ = services.round_get_or_create(
            plan=self.plan, label=data["round"], user=self.request.user
        )
        owners = [
            services.owner_get_or_create(name=n, user=self.request.user) for n in form.owner_names()
        ]
        revises = (
            rec.actions.filter(pk=data["revises_action"]).first()
            if data["revises_action"]
            else None
        )
        return services.progress_update_add(
            recommendation=rec,
            round=round_,
            text=data["text"],
            owners=owners,
            status=data["status"],
            target_text=data["target_text"],
            revises_action=revises,
            revision_reason=data["revision_reason"],
            user=self.request.user,
            change_reason=data["change_reason"],
        )
