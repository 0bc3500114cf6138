from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recommendations.importing import TYPES, UnreadableFile
from recommendations.importing.preview import (
    ImportPreview,
    import_confirm,
    import_preview,
    import_upload,
)


class Command(BaseCommand):
    help = (
        "Import an action plan from a Word document (.docx), a spreadsheet (.xlsx, .ods, "
        ".csv, in the tracker's template) or YAML plan data. Prints what the file holds and "
        "every problem found; writes nothing while a problem remains (exit status 1), and "
        "nothing at all with --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"The plan file ({', '.join(TYPES)}).")
        parser.add_argument("--slug", default="", help="The plan's short name (web address).")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")

    def handle(self, *args, file, slug, dry_run, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            # The command line acts as an administrator: any body, new ones included.
            preview = import_preview(
                file_name=path.name, content=content, slug=slug, allowed_bodies=None
            )
        except UnreadableFile as error:
            raise CommandError(f"{file}: {error}") from error
        self.report(preview)
        if not preview.ok:
            raise CommandError(
                f"{len(preview.problems)} problem(s): nothing was imported. "
                "Fix the file and import it again."
            )
        if dry_run:
            self.stdout.write("No problems found. Dry run: nothing was imported.")
            return
        try:
            with transaction.atomic():  # the upload record and the plan, or neither
                pending = import_upload(file_name=path.name, content=content, slug=slug, user=None)
                plan = import_confirm(pending=pending, allowed_bodies=None, user=None)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported plan '{plan.slug}' from {path.name}."))

    def report(self, preview: ImportPreview) -> None:
        data = preview.data
        out = self.stdout.write
        out(f"File: {preview.file_name}")
        out(f"Plan: {data.get('title', '(no title)')} [{data.get('slug', '(no slug)')}]")
        bodies = [b.get("name", "") for b in data.get("bodies") or [] if isinstance(b, dict)]
        out(f"Responding bodies: {', '.join(bodies) or '(none)'}")
        out(", ".join(f"{n} {what}" for what, n in preview.counts.items()))
        if preview.new_bodies:
            out(f"New responding bodies: {', '.join(preview.new_bodies)}")
        if preview.new_owners:
            out(f"New owners ({len(preview.new_owners)}): {'; '.join(preview.new_owners)}")
        for note in preview.notes:
            out(f"Note: {note}")
        for problem in preview.problems:
            self.stderr.write(f"Problem: {problem}")
