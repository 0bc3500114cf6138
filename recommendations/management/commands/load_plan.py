from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from recommendations.importing.yaml_plan import PlanDataError, plan_import

SEED = Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml"


class Command(BaseCommand):
    help = "Load an action plan from its YAML data file (default: the seed plan). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED))

    def handle(self, *args, path, **options):
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except yaml.YAMLError as error:
            raise CommandError(f"{path} is not valid YAML: {error}") from error
        try:
            # The command line may wait for the submissions' PDFs: they are ready when it ends.
            plan, created = plan_import(data=data, pdf_now=True)
        except PlanDataError as error:
            raise CommandError(f"{path}: {error}") from error
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded plan '{plan.slug}'."))
        else:
            self.stdout.write(f"Plan '{plan.slug}' is already loaded; nothing changed.")
