import datetime
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from recommendations import publishing
from recommendations.models import ActionPlan, Milestone
from recommendations.selectors.submissions import submission_view
from recommendations.selectors.versions import LONDON, end_of_day, plan_versions_for_export
from recommendations.snapshots import plan_snapshot


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = (
        "Export a plan as published (PDF or HTML): now, as it stood at the end of a day "
        "(London time), or as it was at its N-th submission."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--format",
            choices=[publishing.PDF, publishing.HTML, *publishing.EXPORTS],
            default="pdf",
            help="pdf or html as published; xlsx, ods or csv in the spreadsheet template; "
            "docx in the published layout.",
        )
        parser.add_argument("-o", "--output", required=True, help="File to write.")
        moment = parser.add_mutually_exclusive_group()
        moment.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD")
        moment.add_argument("--submission", type=int, metavar="N", help="1 is the first.")

    def handle(self, *args, slug, format, output, as_of, submission, **options):
        plan = ActionPlan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"No plan '{slug}'")
        try:
            if format in publishing.EXPORTS:
                data, moment = self.exported(plan, format, as_of, submission)
                Path(output).write_bytes(data)
                self.written(output, format, moment)
                return
            if submission is not None:
                # A submission is exported as frozen: the bytes stored when it was made.
                versions = plan_versions_for_export(plan=plan)
                moment = versions.moment_of(submission)
                publication = publishing.version_publication(
                    versions=versions, fmt=format, number=submission
                )
            else:
                moment = end_of_day(as_of) if as_of is not None else None
                publication = publishing.publication_prepare(plan=plan, as_of=moment, fmt=format)
        except Milestone.DoesNotExist as error:
            raise CommandError(str(error)) from error
        except ObjectDoesNotExist as error:
            # The history has no record of the plan that early.
            raise CommandError(f"Plan '{slug}' did not exist yet on {as_of}") from error
        Path(output).write_bytes(publishing.publication_bytes(publication=publication))
        self.written(output, format, moment)

    def written(self, output, format, moment):
        when = f" as at {moment.astimezone(LONDON):%d %B %Y %H:%M}" if moment else ""
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({format}{when})."))

    def exported(self, plan, format, as_of, submission):
        """A spreadsheet or Word file of the plan: now, at the end of a day, or as the
        frozen document of submission N (never rebuilt from the live tables)."""
        versions = plan_versions_for_export(plan=plan)
        if submission is not None:
            versions = versions.of_submission(submission)
            snapshot = submission_view(milestone=versions.read_submission)
        else:
            snapshot = plan_snapshot(plan=plan, as_of=end_of_day(as_of) if as_of else None)
        export = publishing.plan_export(snapshot=snapshot, fmt=format, name=plan.slug)
        return export.data, versions.as_of or snapshot.as_of
