import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_USERS = {
    "editor": {"group": "Editors"},
    "reviewer": {"group": "Reviewers"},
    "admin": {"group": None, "is_staff": True, "is_superuser": True},
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
            if spec["group"]:
                group, _ = Group.objects.get_or_create(name=spec["group"])
                user.groups.add(group)
        shown = password if generated else "the value of DEMO_PASSWORD"
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts: editor, reviewer, admin. Password: {shown}")
        )
