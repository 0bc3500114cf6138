"""Owners' contacts (the plan's editors keep them) and the messages sent (administrators)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from ..forms.notifications import OwnerContactForm
from ..models import Message
from ..notifications import contacts, outbox
from .mixins import AdminOnlyMixin, PlanEditMixin, ServiceFormView


class PlanOwnersView(PlanEditMixin, TemplateView):
    """Each owner of the plan's actions, with the people its reminders go to."""

    template_name = "recommendations/plan_owners.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            owners=contacts.plan_owners_with_contacts(plan=self.plan), **kwargs
        )


class _PlanOwnerMixin(PlanEditMixin):
    """An owner of the plan's actions (404 for any other), after the editor check."""

    def get_owner(self):
        if not hasattr(self, "_owner"):
            owners = contacts.plan_owners(plan=self.plan)
            self._owner = get_object_or_404(owners, pk=self.kwargs["owner"])
        return self._owner

    def owners_url(self):
        url = reverse("recommendations:plan-owners", kwargs={"slug": self.plan.slug})
        return f"{url}#owner-{self.get_owner().pk}"


class OwnerContactAddView(_PlanOwnerMixin, ServiceFormView):
    template_name = "recommendations/form_page.html"
    form_class = OwnerContactForm
    submit_label = "Add contact"

    def get(self, request, *args, **kwargs):
        self.get_owner()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_owner()
        return super().post(request, *args, **kwargs)

    @property
    def page_title(self):
        return f"Add a contact for {self.get_owner().name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "users": contacts.linkable_users(plan=self.plan)}

    def get_cancel_url(self):
        return self.owners_url()

    def get_success_url(self):
        return self.owners_url()

    @property
    def success_message(self):
        return f"Contact added: reminders about {self.get_owner().name}'s actions go to them"

    def perform(self, form):
        return contacts.owner_contact_add(
            owner=self.get_owner(),
            email=form.cleaned_data["email"] or "",
            user=form.cleaned_data["user"],
            created_by=self.request.user,
        )


class OwnerContactRemoveView(_PlanOwnerMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contact = get_object_or_404(
            contacts.active_contacts(), owner=self.get_owner(), pk=kwargs["pk"]
        )
        contacts.owner_contact_remove(contact=contact, user=request.user)
        messages.success(request, f"Contact removed: {contact.address or contact.user}")
        return redirect(self.owners_url())


class MessageListView(AdminOnlyMixin, ListView):
    """Every message the service has sent or is sending, newest first, for administrators."""

    template_name = "recommendations/message_list.html"
    context_object_name = "messages_sent"
    paginate_by = 50

    def get_status(self) -> str:
        status = self.request.GET.get("status", "")
        return status if status in Message.Status.values else ""

    def get_queryset(self):
        return outbox.message_list(status=self.get_status())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            status=self.get_status(),
            statuses=Message.Status.choices,
            counts=outbox.message_counts(),
            **kwargs,
        )
