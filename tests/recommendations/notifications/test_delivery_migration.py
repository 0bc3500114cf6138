"""Messages sent through Notify before delivery was checked are checked from now on.

The database is migrated back to before the delivery fields, messages are written there
as they were sent (Notify's reference is a UUID, SMTP's a Message-ID), and migrated
forward: only the ones sent through Notify await a delivery check.
"""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recommendations.models import Message

BEFORE = [("recommendations", "0011_plan_edits")]


def migrate(targets=None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes() if targets is None else targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_messages_already_sent_through_notify_await_a_delivery_check():
    try:
        executor = migrate(BEFORE)
        OldMessage = executor.loader.project_state(BEFORE).apps.get_model(
            "recommendations", "Message"
        )
        fields = {"kind": "overdue", "recipient": "a@example.gov.uk", "subject": "s", "body": "b"}
        notify_id = str(uuid.uuid4())
        OldMessage.objects.create(
            key="notify", status="sent", provider_reference=notify_id, **fields
        )
        OldMessage.objects.create(
            key="smtp", status="sent", provider_reference="<1.2@tracker.example>", **fields
        )
        OldMessage.objects.create(key="failed", status="failed", **fields)

        migrate()

        statuses = dict(Message.objects.values_list("key", "delivery_status"))
        assert statuses == {"notify": "created", "smtp": "", "failed": ""}
    finally:
        migrate()
