from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from backups.services import RestoreError, database_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_db into a new, empty database that has been "
        "migrated (manage.py migrate). All or nothing; refuses a database with data in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file, such as backup.json.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"Cannot read {path}: no such file")
        try:
            counts = database_restore(path=path, using=database)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        except (DeserializationError, DatabaseError, OSError, EOFError) as error:
            raise CommandError(f"Could not restore {path}; nothing was changed. {error}") from error
        rows = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {rows} rows into {len(counts)} tables from {path}.")
        )
