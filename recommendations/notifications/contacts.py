"""The people behind each owner's role: reads and writes of owners' contacts.

An owner is a role shared across plans, so its contacts hear about its actions in every
plan. A plan's editors keep the contacts of the owners named in their plan.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .. import permissions
from ..models import ActionPlan, Owner, OwnerContact
from .deliveries import bounced_addresses


@dataclass
class OwnerWithContacts:
    owner: Owner
    contacts: list[OwnerContact]
    # Those of the contacts' addresses (in lower case) whose last message bounced.
    bounced: set[str] = field(default_factory=set)


def plan_owners(*, plan: ActionPlan) -> QuerySet[Owner]:
    """The owners of the plan's actions that are still in it (not archived)."""
    return Owner.objects.filter(
        actions__recommendation__group__plan=plan,
        actions__archived_at__isnull=True,
        actions__recommendation__archived_at__isnull=True,
        actions__recommendation__group__archived_at__isnull=True,
    ).distinct()


def active_contacts() -> QuerySet[OwnerContact]:
    return OwnerContact.objects.filter(archived_at__isnull=True).select_related("user")


def plan_owners_with_contacts(*, plan: ActionPlan) -> list[OwnerWithContacts]:
    owners = plan_owners(plan=plan).prefetch_related(
        Prefetch("contacts", queryset=active_contacts(), to_attr="active_contacts")
    )
    owners = list(owners)
    bounced = bounced_addresses(addresses={c.address for o in owners for c in o.active_contacts})
    return [
        OwnerWithContacts(
            owner=o,
            contacts=o.active_contacts,
            bounced={c.address.lower() for c in o.active_contacts if c.address.lower() in bounced},
        )
        for o in owners
    ]


def linkable_users(*, plan: ActionPlan):
    """The people a contact may name: the plan's editors, with an email address."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            membership__role=permissions.EDITOR,
            membership__bodies__in=plan.bodies.all(),
        )
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def owner_contact_add(*, owner: Owner, email: str = "", user=None, created_by=None) -> OwnerContact:
    """Give the owner another contact: an email address, a user, or both."""
    contact = OwnerContact(owner=owner, email=email, user=user, created_by=created_by)
    contact.full_clean(exclude=["created_by"])
    clash = active_contacts().filter(owner=owner)
    if contact.user_id:
        clash = clash.filter(Q(user=contact.user) | Q(email__iexact=contact.user.email))
        field = "user"
    else:
        clash = clash.filter(Q(email__iexact=contact.email) | Q(user__email__iexact=contact.email))
        field = "email"
    if clash.exists():
        raise ValidationError({field: f"{owner.name} already has this contact"})
    if created_by is not None:
        contact._history_user = created_by
    contact._change_reason = "Contact added"
    with transaction.atomic():
        contact.save()
    return contact


def owner_contact_remove(*, contact: OwnerContact, user=None) -> OwnerContact:
    """Stop sending the owner's reminders to this contact (archived: history keeps it)."""
    contact.archived_at = timezone.now()
    if user is not None:
        contact._history_user = user
    contact._change_reason = "Contact removed"
    contact.save(update_fields=["archived_at", "updated_at"])
    return contact


def addresses_by_owner(*, owner_ids) -> dict[int, list[OwnerContact]]:
    """Each owner's active contacts that have somewhere to send to."""
    found: dict[int, list[OwnerContact]] = {}
    for contact in active_contacts().filter(owner_id__in=owner_ids).order_by("pk"):
        if contact.address and (contact.user_id is None or contact.user.is_active):
            found.setdefault(contact.owner_id, []).append(contact)
    return found
