from django.core.management.base import BaseCommand, CommandError

from recommendations.models import ActionPlan
from recommendations.selectors.submissions import submission_problems


class Command(BaseCommand):
    help = (
        "Check every frozen submission (of one plan, or all): each stored file against its "
        "SHA-256, each record against its record hash, and the chain of records. Exits "
        "non-zero, naming the plan, the submission and the hash, if anything differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="One plan (default: every plan).")

    def handle(self, *args, slug, **options):
        plans = ActionPlan.objects.order_by("slug")
        if slug is not None:
            plans = plans.filter(slug=slug)
            if not plans.exists():
                raise CommandError(f"No plan '{slug}'")
        problems = []
        for plan in plans:
            found = submission_problems(plan=plan)
            if found:
                problems += found
                continue
            count = plan.submission_records.count()
            self.stdout.write(
                f"OK {plan.slug}: {count} submission{'s' if count != 1 else ''}, "
                "every hash and the chain hold"
            )
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} problem(s) found in the frozen submissions")
