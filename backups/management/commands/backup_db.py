from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from backups.services import database_backup


class Command(BaseCommand):
    help = (
        "Back up the whole database, history included, to a gzip-compressed JSON file "
        "(restore it with restore_db). Works on SQLite and PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help="The file to write, such as backup.json.gz"
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"Cannot write {path}: folder {path.parent} does not exist")
        counts = database_backup(path=path, using=database)
        rows = sum(counts.values())
        tables = sum(1 for count in counts.values() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {rows} rows from {tables} tables to {path}.")
        )
