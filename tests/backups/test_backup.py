"""Backing up and restoring the whole database, history included.

The round trip runs the documented commands in subprocesses against two databases of
their own (SQLite files, or PostgreSQL databases when the tests run on PostgreSQL): the
seed plan and some edits go into the first, which is backed up and restored into the
second, freshly migrated; then every row of every table of both is compared.
"""

import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from backups.services import backed_up_models

ROOT = Path(__file__).resolve().parents[2]

# Edits through the services, by users, so that the history has users in it; a sign-in
# and a failed one; an admin log entry; groups and permissions (by natural key); and a
# user who is deleted after making an edit.
EDITS = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from recommendations import services
from accounts.models import Membership
from recommendations.models import ActionPlan, Recommendation, ResponsibleBody

User = get_user_model()
editor = User.objects.create_user("editor", password="pw")
leaver = User.objects.create_user("leaver", password="pw")
reviewer = User.objects.create_user("reviewer", password="pw")
plan = ActionPlan.objects.get()
first, second = Recommendation.objects.order_by("pk")[:2]
services.recommendation_update(
    recommendation=first, data={"text": first.text + " (revised)"}, user=editor,
    change_reason="Typo",
)
action = services.action_add(
    recommendation=first, text="A new action", owner_names=["Zed role", "Alpha role"],
    target_text="March 2026", user=editor,
)
services.action_update(
    action=action, data={"text": "Renamed"}, owner_names=["Alpha role", "Zed role"], user=leaver
)
services.archive(instance=second, user=leaver)
membership = Membership.objects.create(user=editor, role=Membership.Role.EDITOR)
membership.bodies.set(ResponsibleBody.objects.all())
group = Group.objects.create(name="Editors")
group.permissions.set(Permission.objects.filter(codename__startswith="change_"))
editor.groups.add(group)
editor.user_permissions.add(Permission.objects.get(codename="view_actionplan"))
LogEntry.objects.create(
    user=editor, content_type=ContentType.objects.get_for_model(Recommendation),
    object_id=str(first.pk), object_repr=str(first), action_flag=CHANGE, change_message="Edit",
)
assert Client().login(username="editor", password="pw")
assert authenticate(None, username="editor", password="wrong") is None
leaver.delete()
"""

# Every row of every table, in primary key order, as JSON (str() keeps microseconds).
SNAPSHOT = """
import json
from backups.services import backed_up_models
print(json.dumps(
    {
        m._meta.label: list(m._base_manager.order_by("pk").values())
        for m in backed_up_models()
    },
    default=str,
))
"""

# New rows after a restore must not collide with restored ids (PostgreSQL's sequences).
AFTER_RESTORE = """
from django.contrib.auth import get_user_model
from recommendations import services
from recommendations.models import Recommendation
user = get_user_model().objects.create_user("newcomer", password="pw")
rec = Recommendation.objects.order_by("pk").first()
services.recommendation_update(recommendation=rec, data={"text": "After restore"}, user=user)
print("ok")
"""


def manage(*args, database_url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings.test",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]}: {result.stdout}{result.stderr}"
    return result


def shell(code: str, database_url: str) -> str:
    return manage("shell", "--no-imports", "-c", code, database_url=database_url).stdout


@pytest.fixture
def two_databases(tmp_path):
    """URLs of two new, empty databases of the kind the tests run on, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("source", "target")]
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"backup tests know SQLite and PostgreSQL, not {connection.vendor}")
    import psycopg

    db = settings.DATABASES["default"]
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }
    suffix = uuid.uuid4().hex[:8]
    names = [f"tracker_backup_src_{suffix}", f"tracker_backup_dst_{suffix}"]
    admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        yield [f"postgres://{credentials}@{address}/{name}" for name in names]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_backup_restores_every_row_of_every_table(two_databases, tmp_path):
    source, target = two_databases
    backup = tmp_path / "backup.json.gz"

    manage("migrate", "--no-input", "-v", "0", database_url=source)
    manage("load_plan", database_url=source)
    shell(EDITS, source)
    made = manage("backup_db", "-o", str(backup), database_url=source)
    assert f"to {backup}" in made.stdout

    manage("migrate", "--no-input", "-v", "0", database_url=target)
    restored = manage("restore_db", str(backup), database_url=target)
    assert "Restored" in restored.stdout

    before = json.loads(shell(SNAPSHOT, source))
    after = json.loads(shell(SNAPSHOT, target))
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    for label, rows in before.items():
        assert after[label] == rows, f"{label} differs after restore"

    # What the comparison covered: history by users (one since deleted), many-to-many
    # tables in their order, sign-ins, sessions, permissions by natural key.
    assert any(row["text"] == "Renamed" for row in before["recommendations.HistoricalAction"])
    assert any(row["history_user_id"] for row in before["recommendations.HistoricalRecommendation"])
    assert len(before["recommendations.Action_owners"]) > 0
    assert len(before["recommendations.HistoricalAction_owners"]) > 0
    assert {row["kind"] for row in before["accounts.AuthEvent"]} == {"signed_in", "sign_in_failed"}
    assert len(before["sessions.Session"]) == 1
    assert len(before["auth.Group_permissions"]) > 0
    assert len(before["admin.LogEntry"]) == 1
    assert [row["username"] for row in before["auth.User"]] == ["editor", "reviewer"]

    assert shell(AFTER_RESTORE, target).strip() == "ok"


@pytest.mark.django_db
def test_the_backup_is_gzipped_json_in_dumpdata_form(tmp_path, seed_plan):
    backup = tmp_path / "backup.json.gz"
    call_command("backup_db", "-o", str(backup), verbosity=0)
    rows = json.loads(gzip.decompress(backup.read_bytes()))
    labels = {row["model"] for row in rows}
    assert {"recommendations.actionplan", "recommendations.historicalaction"} <= labels
    assert "recommendations.action_owners" in labels
    content_type = next(row for row in rows if row["model"] == "contenttypes.contenttype")
    assert "pk" not in content_type  # matched by natural key on restore
    permission = next(row for row in rows if row["model"] == "auth.permission")
    assert isinstance(permission["fields"]["content_type"], list)
    action = next(row for row in rows if row["model"] == "recommendations.action")
    assert isinstance(action["pk"], int)


@pytest.mark.django_db
def test_restore_refuses_a_database_with_data_in_it(tmp_path, seed_plan, django_user_model):
    backup = tmp_path / "backup.json.gz"
    call_command("backup_db", "-o", str(backup), verbosity=0)
    users = django_user_model.objects.count()

    with pytest.raises(CommandError, match="is not empty: it has rows in") as refused:
        call_command("restore_db", str(backup), verbosity=0)

    assert "Nothing was changed" in str(refused.value)
    assert django_user_model.objects.count() == users


@pytest.mark.django_db
def test_restore_needs_a_backup_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore_db", str(tmp_path / "missing.json.gz"))


def test_every_table_is_backed_up():
    labels = {model._meta.label for model in backed_up_models()}
    assert {
        "contenttypes.ContentType",
        "auth.Permission",
        "auth.User",
        "auth.User_groups",
        "sessions.Session",
        "admin.LogEntry",
        "accounts.AuthEvent",
        "accounts.Membership_bodies",
        "accounts.HistoricalMembership_bodies",
        "recommendations.HistoricalRecommendation",
        "recommendations.Action_owners",
    } <= labels
