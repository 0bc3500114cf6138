import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Membership
from recommendations.models import ResponsibleBody

# The demo editor works for HMPPS, one of the seed plan's responding bodies.
DEMO_BODY = {"name": "HM Prison & Probation Service", "short_name": "HMPPS"}
DEMO_USERS = {
    "editor": {"role": Membership.Role.EDITOR},
    "reviewer": {"role": Membership.Role.REVIEWER},
    "admin": {"role": None, "is_staff": True, "is_superuser": True},
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
        shown = password if generated else "the value of DEMO_PASSWORD"
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts: editor, reviewer, admin. Password: {shown}")
        )
