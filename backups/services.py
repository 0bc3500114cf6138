"""Back up and restore the whole database, history included, on SQLite or PostgreSQL.

A backup is every row of every model of every app (historical records, many-to-many
tables and the sign-in log included) in Django's JSON serialisation, gzip-compressed:
dumpdata's format, so `manage.py loaddata` reads it too. Rows keep their primary keys,
with two exceptions: content types and permissions, which `migrate` creates itself, are
written by natural key (("recommendations", "action")) and matched to the target's own
rows, so that references to them survive different ids in the target.

Many-to-many rows are written as rows of their own (the tables Django makes for them),
not as lists on their owners, so they keep their ids: the order of an action's owners is
the order of those ids.
"""

import datetime
import gzip
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor

# Made by `migrate` in every database, so matched by natural key rather than by id.
NATURAL_KEY_MODELS = (ContentType, Permission)


class RestoreError(Exception):
    """The target database cannot take this backup; the message says why and what to do."""


def backed_up_models() -> list[type[models.Model]]:
    """Every model with a table of its own, content types and permissions first (other
    rows refer to them by natural key), then in app and model order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    first = [model for model in NATURAL_KEY_MODELS if model in found]
    return first + [model for model in found if model not in first]


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's own encoder keeps only milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class _BackupSerializer(JSONSerializer):
    """Django's JSON serialiser with natural keys for content types and permissions only.

    Natural keys for every model that has one (users, by username) would look each
    referenced row up again, and fail on the historical records' references to rows
    since deleted; plain ids need no lookup.
    """

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        # Written as rows of the many-to-many table itself (see backed_up_models).
        pass

    def start_object(self, obj):
        self.use_natural_primary_keys = isinstance(obj, NATURAL_KEY_MODELS)
        super().start_object(obj)


def _rows(using: str, counts: dict[str, int]) -> Iterator[models.Model]:
    for model in backed_up_models():
        counts[model._meta.label] = 0
        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        for row in queryset.iterator(chunk_size=2000):
            counts[model._meta.label] += 1
            yield row


def database_backup(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write every row of the database to `path` (gzip-compressed JSON); returns the
    number of rows per model. The rows are read in one transaction, so they are
    consistent with each other even while the service is in use."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    counts: dict[str, int] = {}
    connection = connections[using]
    # Inside a caller's transaction, that transaction's view is the one to back up.
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table: must be the transaction's first statement.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with gzip.open(partial, "wt", encoding="utf-8") as stream:
            _BackupSerializer().serialize(
                _rows(using, counts), stream=stream, cls=_FullPrecisionEncoder
            )
    partial.replace(path)
    return counts


def _check_target(using: str) -> None:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RestoreError(
            f"The database '{using}' is not fully migrated. Restore into a new, empty "
            "database after running `manage.py migrate` on it."
        )
    filled = [
        model._meta.label
        for model in backed_up_models()
        if model not in NATURAL_KEY_MODELS and model._base_manager.using(using).exists()
    ]
    if filled:
        shown = ", ".join(filled[:5]) + (f" and {len(filled) - 5} more" if len(filled) > 5 else "")
        raise RestoreError(
            f"The database '{using}' is not empty: it has rows in {shown}. Restore only "
            "into a new, empty database: create one, run `manage.py migrate` on it, then "
            "restore into it. Nothing was changed."
        )


def _open(path: Path):
    with open(path, "rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    if compressed:
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def database_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Load a backup into an empty, migrated database, all or nothing; returns the number
    of rows per model. Refuses (RestoreError) a database that is not empty."""
    connection = connections[using]
    counts: dict[str, int] = {}
    with _open(Path(path)) as stream:
        objects = serializers.deserialize(
            "json", stream, using=using, handle_forward_references=True
        )
        with transaction.atomic(using=using):
            _check_target(using)
            deferred = []
            with connection.constraint_checks_disabled():
                for deserialized in objects:
                    # A raw save: no signals do their usual work (no history is added).
                    deserialized.save(using=using)
                    if deserialized.deferred_fields:
                        deferred.append(deserialized)
                    label = deserialized.object._meta.label
                    counts[label] = counts.get(label, 0) + 1
                for deserialized in deferred:
                    deserialized.save_deferred_fields(using=using)
            tables = [model._meta.db_table for model in backed_up_models()]
            connection.check_constraints(table_names=tables)
            # PostgreSQL's sequences do not move when rows are inserted with their ids:
            # set each to its table's highest id (sqlsequencereset for every app).
            statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
            if statements:
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
    return counts
