"""Sending: through the configured mailer, with the provider's reference recorded, and a
failing provider retried until the message is sent or shown as failed, never lost."""

import datetime
import json
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from recommendations.models import Message
from recommendations.notifications.outbox import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    message_queue,
    message_send,
    messages_requeue,
)
from tests.recommendations.notifications.conftest import DIGEST_TEMPLATE_ID, TEMPLATE_ID

pytestmark = pytest.mark.django_db


def queued(key="due_7:1:lead@example.gov.uk:abc", kind="due_7"):
    message, created = message_queue(
        key=key,
        kind=kind,
        recipient="lead@example.gov.uk",
        subject="1 action due within 7 days: Head of Security",
        body="Recommendation 6, action 1: Publish guidance.",
    )
    assert created
    return message


def test_the_same_key_is_queued_once():
    first = queued()
    again, created = message_queue(
        key=first.key, kind="due_7", recipient="x@example.gov.uk", subject="s", body="b"
    )
    assert not created and again == first
    assert Message.objects.count() == 1


def test_a_message_is_sent_once_with_its_message_id_as_the_reference():
    message = queued()

    sent = message_send(message_id=message.pk)
    assert message_send(message_id=message.pk) is None  # a second task sends nothing

    assert sent.status == "sent" and sent.attempts == 1 and sent.sent_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["lead@example.gov.uk"]
    assert email.subject == message.subject
    assert sent.provider_reference == email.extra_headers["Message-ID"]


def test_notify_receives_the_subject_and_body_and_its_id_is_the_reference(notify):
    message = queued()
    digest = queued(key="digest:1:2025-W14", kind="digest")

    sent = message_send(message_id=message.pk)
    sent_digest = message_send(message_id=digest.pk)

    first, second = notify.received
    assert first["path"] == "/v2/notifications/email"
    assert first["auth"].startswith("Bearer ")
    assert first["body"] == {
        "email_address": "lead@example.gov.uk",
        "template_id": TEMPLATE_ID,
        "personalisation": {"subject": message.subject, "body": message.body},
        "reference": f"message-{message.pk}",
    }
    assert second["body"]["template_id"] == DIGEST_TEMPLATE_ID  # a template of its own
    assert sent.status == sent_digest.status == "sent"
    assert len(sent.provider_reference) == 36  # Notify's notification id, a UUID
    assert sent.provider_reference != sent_digest.provider_reference


def test_notify_failing_is_retried_with_growing_delays_then_sent(notify):
    notify.failures = [500, 503]
    message = queued()
    start = timezone.now()

    first = message_send(message_id=message.pk, now=start)
    assert first.status == "retrying" and first.attempts == 1
    assert "500" in first.last_error
    assert first.next_attempt_at == start + RETRY_DELAYS[0]
    # Not before its time
    assert message_send(message_id=message.pk, now=start + datetime.timedelta(seconds=30)) is None

    later = start + RETRY_DELAYS[0]
    second = message_send(message_id=message.pk, now=later)
    assert second.status == "retrying" and second.attempts == 2
    assert second.next_attempt_at == later + RETRY_DELAYS[1]

    third = message_send(message_id=message.pk, now=second.next_attempt_at)
    assert third.status == "sent" and third.attempts == 3 and third.last_error == ""
    assert len(notify.received) == 3


def test_after_the_last_attempt_the_message_is_failed_and_kept(notify):
    notify.failures = [500] * MAX_ATTEMPTS
    message = queued()
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        message = message_send(message_id=message.pk, now=now)
        now = message.next_attempt_at or now

    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS
    assert message.next_attempt_at is None and "500" in message.last_error
    assert message_send(message_id=message.pk, now=now + datetime.timedelta(days=1)) is None


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_smtp_server_refusing_the_connection_is_retried(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 2},
        }
    }
    message = queued()

    failed = message_send(message_id=message.pk)

    assert failed.status == "retrying"
    assert "ConnectionRefusedError" in failed.last_error


def test_a_lost_task_is_queued_again_and_a_message_stuck_sending_is_retried(
    django_capture_on_commit_callbacks,
):
    waiting = queued()
    stuck = queued(key="overdue:1:lead@example.gov.uk:2025-W14", kind="overdue")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Message.objects.filter(pk=stuck.pk).update(status="sending", last_attempt_at=long_ago)

    with django_capture_on_commit_callbacks() as callbacks:
        assert messages_requeue() == 2
    assert len(callbacks) == 2
    stuck.refresh_from_db()
    assert stuck.status == "retrying"
    assert {waiting.pk, stuck.pk} == set(
        Message.objects.filter(status__in=["queued", "retrying"]).values_list("pk", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_what_was_queued_and_retries_what_failed(notify):
    """Queued on commit, sent by `manage.py db_worker` as in production; the provider
    failing once puts the retry on the queue with a delay, and the message is kept."""
    notify.failures = [500]
    failing = queued()
    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="default", interval=0)

    failing.refresh_from_db()
    assert failing.status == "retrying" and failing.attempts == 1
    from django_tasks_db.models import DBTaskResult

    retry = DBTaskResult.objects.filter(status="READY").get()
    assert json.loads(json.dumps(retry.args_kwargs))["args"] == [failing.pk]
    assert retry.run_after == failing.next_attempt_at

    # The retry's time comes: the worker sends it.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    Message.objects.filter(pk=failing.pk).update(next_attempt_at=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="default", interval=0)
    failing.refresh_from_db()
    assert failing.status == "sent" and failing.attempts == 2
    assert len(notify.received) == 2
