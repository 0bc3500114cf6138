"""What GOV.UK Notify says after accepting a message: delivered is final, a bounce is
shown, a temporary or technical failure is sent again until sent or failed; never lost.
Notify is the stand-in answering over HTTP (tests/.../support.py)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from recommendations.models import Message, Owner
from recommendations.notifications.deliveries import (
    deliveries_check,
    message_delivery_check,
    message_delivery_follow,
)
from recommendations.notifications.outbox import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    message_queue,
    message_send,
)
from tests.conftest import SEED_SLUG
from tests.recommendations.notifications.support import contact

pytestmark = pytest.mark.django_db


def sent_through_notify(notify, recipient="lead@example.gov.uk", key="overdue:1:2026-W49"):
    message, _ = message_queue(
        key=key,
        kind="overdue",
        recipient=recipient,
        subject="1 action overdue: Head of Security",
        body="Recommendation 6, action 1: Publish guidance.",
    )
    message = message_send(message_id=message.pk)
    assert message.status == "sent" and message.delivery_status == "created"
    assert message.provider_reference == notify.ids[-1]
    return message


def test_a_delivered_message_is_final_and_not_asked_about_again(notify):
    message = sent_through_notify(notify)

    checked = message_delivery_check(message_id=message.pk)

    assert checked.status == "sent" and checked.delivery_status == "delivered"
    assert checked.delivery_checked_at is not None
    assert notify.checked == [message.provider_reference]
    # Final: the daily check leaves it alone.
    assert deliveries_check() == []
    assert message_delivery_check(message_id=message.pk) is None
    assert len(notify.checked) == 1


def test_a_message_still_being_sent_is_asked_about_again(notify):
    notify.delivery = "sending"
    message = sent_through_notify(notify)

    assert message_delivery_check(message_id=message.pk).delivery_status == "sending"
    notify.delivery = "delivered"
    [again] = deliveries_check()

    assert again.pk == message.pk and again.delivery_status == "delivered"
    assert len(notify.checked) == 2


def test_a_bounce_is_shown_to_administrators_and_flagged_on_the_contacts_page(
    notify, seed_plan, client_for
):
    owner = Owner.objects.filter(actions__recommendation__group__plan=seed_plan).first()
    contact(owner, email="gone@example.gov.uk")
    bounced = sent_through_notify(notify, recipient="gone@example.gov.uk")
    delivered = sent_through_notify(notify, recipient="ok@example.gov.uk", key="digest:2026-W49")
    notify.statuses[bounced.provider_reference] = "permanent-failure"

    checked = deliveries_check()

    assert {m.pk: m.status for m in checked} == {bounced.pk: "bounced", delivered.pk: "sent"}
    bounced.refresh_from_db()
    assert bounced.delivery_status == "permanent-failure"
    assert "permanent-failure" in bounced.last_error
    assert bounced.attempts == 1 and len(notify.received) == 2  # not sent again

    admin = client_for("admin")
    page = admin.get(reverse("recommendations:message-list"))
    assert "1 message bounced" in page.text and "?status=bounced" in page.text
    row = page.text.split(f'id="message-{bounced.pk}"')[1].split("</tr>")[0]
    assert 'govuk-tag--red">Bounced' in row and "permanent-failure" in row
    only = admin.get(reverse("recommendations:message-list") + "?status=bounced")
    assert "gone@example.gov.uk" in only.text and "ok@example.gov.uk" not in only.text

    owners = client_for("editor").get(
        reverse("recommendations:plan-owners", kwargs={"slug": SEED_SLUG})
    )
    flagged = owners.text.split("gone@example.gov.uk")[1].split("</dd>")[0]
    assert "Emails to this address bounced" in flagged


def test_a_temporary_failure_is_sent_again_then_delivered(notify):
    message = sent_through_notify(notify)
    notify.statuses[message.provider_reference] = "temporary-failure"
    now = timezone.now()

    retrying = message_delivery_check(message_id=message.pk, now=now)

    assert retrying.status == "retrying" and retrying.attempts == 1
    assert "temporary-failure" in retrying.last_error
    assert retrying.next_attempt_at == now + RETRY_DELAYS[0]
    # Checked again meanwhile: nothing more happens.
    assert message_delivery_check(message_id=message.pk, now=now) is None
    assert deliveries_check(now=now) == []

    resent = message_send(message_id=message.pk, now=retrying.next_attempt_at)
    assert resent.status == "sent" and resent.attempts == 2
    assert resent.provider_reference == notify.ids[1] != notify.ids[0]
    assert resent.delivery_status == "created" and resent.last_error == ""

    delivered = message_delivery_check(message_id=message.pk)
    assert delivered.status == "sent" and delivered.delivery_status == "delivered"
    assert len(notify.received) == 2


def test_a_technical_failure_every_time_ends_failed_and_shown(notify, client_for):
    notify.delivery = "technical-failure"
    message = sent_through_notify(notify)
    now = timezone.now()
    while message.status == "sent":
        message = message_delivery_check(message_id=message.pk, now=now)
        if message.status == "retrying":
            now = message.next_attempt_at
            message = message_send(message_id=message.pk, now=now)

    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS
    assert len(notify.received) == MAX_ATTEMPTS
    assert "technical-failure" in message.last_error
    assert message_send(message_id=message.pk, now=now + datetime.timedelta(days=1)) is None
    assert deliveries_check() == []
    page = client_for("admin").get(reverse("recommendations:message-list"))
    assert "1 message could not be sent" in page.text


def test_a_message_without_a_notify_reference_is_not_checked(notify, settings):
    through_notify = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    message, _ = message_queue(
        key="digest:1", kind="digest", recipient="a@example.gov.uk", subject="s", body="b"
    )
    message = message_send(message_id=message.pk)
    assert message.status == "sent" and message.provider_reference.startswith("<")
    settings.MAILERS = through_notify

    assert message_delivery_check(message_id=message.pk) is None
    assert deliveries_check() == []
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    out = StringIO()
    call_command("check_deliveries", stdout=out)
    assert "has no delivery to check" in out.getvalue()

    unchanged = Message.objects.get(pk=message.pk)
    assert unchanged.status == "sent" and unchanged.delivery_status == ""
    assert unchanged.delivery_checked_at is None
    assert notify.checked == []


def test_notify_not_answering_leaves_the_message_to_the_next_check(notify):
    message = sent_through_notify(notify)
    notify.ids.clear()  # the stand-in now answers 404 for it

    assert message_delivery_check(message_id=message.pk) is None
    message.refresh_from_db()
    assert message.status == "sent" and message.delivery_status == "created"


def test_a_message_older_than_notify_keeps_it_is_not_checked(notify):
    message = sent_through_notify(notify)

    assert deliveries_check(now=timezone.now() + datetime.timedelta(days=8)) == []
    assert notify.checked == []
    assert message_delivery_check(message_id=message.pk) is not None


def test_a_send_schedules_a_check_ten_minutes_later_and_another_while_still_sending(
    notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = sent_through_notify(notify)
    first = DBTaskResult.objects.get(task_path__endswith="check_delivery")
    assert first.args_kwargs["args"] == [message.pk]
    assert first.run_after == message.sent_at + datetime.timedelta(minutes=10)
    assert first.queue_name == "default"

    notify.delivery = "sending"
    with django_capture_on_commit_callbacks(execute=True):
        message_delivery_follow(
            message_id=message.pk, now=message.sent_at + datetime.timedelta(minutes=10)
        )
    follow = DBTaskResult.objects.filter(task_path__endswith="check_delivery").latest("enqueued_at")
    assert follow.pk != first.pk
    assert follow.run_after == message.sent_at + datetime.timedelta(hours=1)


def test_send_reminders_queues_the_daily_check_and_the_command_checks_now(
    notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2026-12-04", stdout=StringIO())
    assert DBTaskResult.objects.filter(task_path__endswith="check_deliveries").count() == 1

    sent_through_notify(notify)
    bounced = sent_through_notify(notify, recipient="gone@example.gov.uk", key="due_7:2")
    notify.statuses[bounced.provider_reference] = "permanent-failure"
    out = StringIO()
    call_command("check_deliveries", stdout=out)
    assert "Checked 2 of 2 message(s)" in out.getvalue()
    assert "1 delivered" in out.getvalue() and "1 permanent-failure" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_then_checks_and_sends_a_bounced_for_now_message_again(notify):
    """As in production: the worker sends, runs the check scheduled after the send, and
    sends again after a temporary failure."""

    def worker():
        call_command(
            "db_worker", batch=True, no_startup_delay=True, queue_name="default", interval=0
        )

    def due_now():
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        Message.objects.filter(next_attempt_at__isnull=False).update(next_attempt_at=timezone.now())

    message, _ = message_queue(
        key="overdue:1", kind="overdue", recipient="full@example.gov.uk", subject="s", body="b"
    )
    worker()
    message.refresh_from_db()
    assert message.status == "sent" and message.delivery_status == "created"
    notify.statuses[message.provider_reference] = "temporary-failure"

    due_now()
    worker()  # the check: sent again later
    message.refresh_from_db()
    assert message.status == "retrying" and "temporary-failure" in message.last_error

    due_now()
    worker()  # the retry
    due_now()
    worker()  # the check after it
    message.refresh_from_db()
    assert message.status == "sent" and message.delivery_status == "delivered"
    assert message.attempts == 2 and len(notify.received) == 2
