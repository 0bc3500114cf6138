"""Memberships moved from the recommendations app to accounts with every row kept.

The database is migrated back to before the move, a membership with bodies and its
history is written there through the models as they were then, and the database is
migrated forward again: the same rows must be there under the accounts app.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("recommendations", "0002_archive_assessments_comments"),
    ("accounts", "0001_initial"),
]
MOVED_TABLES = {
    "membership",
    "membership_bodies",
    "historicalmembership",
    "historicalmembership_bodies",
}


def migrate(targets=None) -> MigrationExecutor:
    """To the given migrations, or all the way (None)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes() if targets is None else targets)
    executor.loader.build_graph()  # what is applied now
    return executor


def membership_tables() -> set[str]:
    return {name for name in connection.introspection.table_names() if "membership" in name}


@pytest.mark.django_db(transaction=True)
def test_memberships_their_bodies_and_history_survive_the_move_to_accounts():
    try:
        executor = migrate(BEFORE)
        assert membership_tables() == {f"recommendations_{table}" for table in MOVED_TABLES}
        old = executor.loader.project_state(BEFORE).apps
        User = old.get_model("auth", "User")
        Body = old.get_model("recommendations", "ResponsibleBody")
        Membership = old.get_model("recommendations", "Membership")
        HistoricalMembership = old.get_model("recommendations", "HistoricalMembership")
        HistoricalBodies = old.get_model("recommendations", "HistoricalMembership_bodies")
        Permission = old.get_model("auth", "Permission")

        editor = User.objects.create(username="editor")
        admin = User.objects.create(username="admin")
        hmpps = Body.objects.create(name="HM Prison & Probation Service", short_name="HMPPS")
        yjb = Body.objects.create(name="Youth Justice Board")
        membership = Membership.objects.create(user=editor, role="editor")
        membership.bodies.set([hmpps, yjb])
        # The old models have no history tracking of their own: write its rows as it did.
        when = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
        created = HistoricalMembership.objects.create(
            id=membership.pk,
            created_at=membership.created_at,
            updated_at=membership.updated_at,
            user=editor,
            role="editor",
            history_date=when,
            history_type="+",
            history_user=admin,
            history_change_reason="Joined HMPPS",
        )
        for row in Membership.bodies.through.objects.filter(membership=membership):
            HistoricalBodies.objects.create(
                id=row.pk,
                history=created,
                membership_id=row.membership_id,
                responsiblebody_id=row.responsiblebody_id,
            )
        # A permission granted on memberships (content type recommendations.membership).
        change = Permission.objects.get(
            content_type__app_label="recommendations", codename="change_membership"
        )
        admin.user_permissions.add(change)

        migrate()  # accounts.0002 and recommendations.0003, and any migrations since

        from django.contrib.auth import get_user_model

        from accounts.models import Membership as MovedMembership

        assert membership_tables() == {f"accounts_{table}" for table in MOVED_TABLES}
        moved = MovedMembership.objects.get(user__username="editor")
        assert moved.pk == membership.pk
        assert moved.role == MovedMembership.Role.EDITOR
        assert set(moved.bodies.values_list("short_name", flat=True)) == {"HMPPS", ""}
        assert get_user_model().objects.get(username="editor").membership == moved
        [history] = moved.history.all()
        assert (history.history_date, history.history_type) == (when, "+")
        assert history.history_user.username == "admin"
        assert history.history_change_reason == "Joined HMPPS"
        assert {row.responsiblebody_id for row in history.bodies.all()} == {hmpps.pk, yjb.pk}
        # The bodies' side of the relation keeps its name.
        assert list(moved.bodies.get(short_name="HMPPS").members.all()) == [moved]

        # Its content type moved with it, so the permission granted on it still holds.
        ContentType.objects.clear_cache()
        assert not ContentType.objects.filter(app_label="recommendations", model="membership")
        assert get_user_model().objects.get(username="admin").has_perm("accounts.change_membership")

        # History goes on being written, to the renamed tables.
        moved.role = MovedMembership.Role.REVIEWER
        moved.save()
        moved.bodies.remove(yjb.pk)
        assert moved.history.count() == 3
        assert moved.history.first().role == "reviewer"
    finally:
        # Fully migrated again, whatever happened, for the tests that follow.
        migrate()
        ContentType.objects.clear_cache()
