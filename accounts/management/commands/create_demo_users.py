import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Membership
from recommendations.models import Message, Owner, ResponsibleBody
from recommendations.notifications.contacts import active_contacts, owner_contact_add
from recommendations.notifications.reminders import due_actions_by_owner, live_snapshots

# The demo editor works for HMPPS, one of the seed plan's responding bodies.
DEMO_BODY = {"name": "HM Prison & Probation Service", "short_name": "HMPPS"}
DEMO_USERS = {
    "editor": {"role": Membership.Role.EDITOR, "email": "editor@example.gov.uk"},
    "reviewer": {"role": Membership.Role.REVIEWER, "email": "reviewer@example.gov.uk"},
    "admin": {
        "role": None,
        "is_staff": True,
        "is_superuser": True,
        "email": "admin@example.gov.uk",
    },
}


class Command(BaseCommand):
    help = "Create the demo accounts editor, reviewer and admin (development only)."

    def handle(self, *args, **options):
        # Shared, printed passwords must never reach a real deployment.
        if not settings.DEBUG:
            raise CommandError("Refusing to create demo accounts with DEBUG off.")
        password = os.environ.get("DEMO_PASSWORD") or ""
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User = get_user_model()
        for username, spec in DEMO_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = spec.get("is_staff", False)
            user.is_superuser = spec.get("is_superuser", False)
            user.email = spec["email"]
            user.set_password(password)
            user.save()
            if spec["role"]:
                membership, _ = Membership.objects.update_or_create(
                    user=user, defaults={"role": spec["role"]}
                )
                if spec["role"] == Membership.Role.EDITOR:
                    body, _ = ResponsibleBody.objects.get_or_create(
                        name=DEMO_BODY["name"], defaults={"short_name": DEMO_BODY["short_name"]}
                    )
                    membership.bodies.set([body])
                    linked = self.link_overdue_owners(editor=user, body=body)
                    if linked:
                        self.stdout.write(f"The editor is a contact for {linked} owner(s).")
        shown = password if generated else "the value of DEMO_PASSWORD"
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts: editor, reviewer, admin. Password: {shown}")
        )

    def link_overdue_owners(self, *, editor, body) -> int:
        """Make the demo editor a contact of the owners of their plans' overdue actions,
        so that `send_reminders` has someone to tell straight away."""
        views = [v for v in live_snapshots() if body.pk in {b.pk for b in v.bodies}]
        due = due_actions_by_owner(views=views, today=timezone.localdate())
        names = {name for kind, name in due if kind == Message.Kind.OVERDUE}
        linked = 0
        for owner in Owner.objects.filter(name__in=names):
            if not active_contacts().filter(owner=owner, user=editor).exists():
                owner_contact_add(owner=owner, user=editor, created_by=editor)
                linked += 1
        return linked
