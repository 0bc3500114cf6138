"""Whether a message sent through GOV.UK Notify arrived: Notify accepts a message at once
and learns only later that it was delivered or bounced, so it is asked.

Each message sent through Notify is checked about 10 minutes after it is sent, again
after an hour and four hours while Notify is still sending it, and by the daily
`check_deliveries` task (queued by `send_reminders`) for a week (Notify keeps a
notification for 7 days). What Notify says is kept as the message's delivery status:

- `delivered` is final;
- `permanent-failure` (the address does not exist) marks the message bounced, shown to
  administrators with Notify's status as the reason, and its address flagged on the
  owners' contacts page;
- `temporary-failure` (an inbox full) and `technical-failure` (Notify's own problem) send
  the message again through the outbox's retries, until it is sent or, after the last
  attempt, failed and shown.

Mail sent by SMTP or written to files has no delivery status: it is final once sent.
A check changes a message only while it is still "sent" with the same reference, so
checking twice, or from two workers at once, does nothing more.
"""

import datetime
import logging
import uuid

from django.core.mail import mailers
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from ..models import Message
from .notify_backend import NotifyEmailBackend
from .outbox import attempt_failed

logger = logging.getLogger(__name__)

DELIVERED = "delivered"
BOUNCED = "permanent-failure"
# Notify's words for what went wrong, kept as the message's error.
FAILURE_REASONS = {
    "permanent-failure": "the address does not exist or its mail server refused the message",
    "temporary-failure": "the inbox was full or its mail server did not answer; sent again",
    "technical-failure": "a problem within Notify; sent again",
}
SEND_AGAIN = {"temporary-failure", "technical-failure"}
# When a message sent through Notify is checked, counted from its sending; after that
# the daily check follows it for as long as Notify keeps it.
CHECK_AFTER = [
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=4),
]
NOTIFY_KEEPS = datetime.timedelta(days=7)


def notify_mailer() -> NotifyEmailBackend | None:
    """The default mailer if it is GOV.UK Notify; nothing else can say what was delivered."""
    mailer = mailers.default
    return mailer if isinstance(mailer, NotifyEmailBackend) else None


def is_notify_reference(reference: str) -> bool:
    """Notify's notification ids are UUIDs (SMTP's Message-IDs are not)."""
    try:
        uuid.UUID(reference)
    except ValueError:
        return False
    return True


def awaiting_delivery(*, now: datetime.datetime | None = None) -> QuerySet[Message]:
    """Messages sent through Notify within the week whose delivery is not yet known."""
    now = now or timezone.now()
    return (
        Message.objects.filter(status=Message.Status.SENT, sent_at__gte=now - NOTIFY_KEEPS)
        .exclude(delivery_status__in=["", DELIVERED])
        .order_by("sent_at", "pk")
    )


def message_delivery_check(
    *, message_id: int, now: datetime.datetime | None = None, mailer=None
) -> Message | None:
    """Ask Notify whether the message arrived and record its answer: a bounce marks it
    bounced, a temporary or technical failure sends it again. None when there is nothing
    to ask (not sent through Notify, or its delivery already known) or Notify did not
    answer (the next check asks again)."""
    now = now or timezone.now()
    message = awaiting_delivery(now=now).filter(pk=message_id).first()
    if message is None or not is_notify_reference(message.provider_reference):
        return None
    mailer = mailer or notify_mailer()
    if mailer is None:
        return None
    try:
        status = mailer.notification_status(message.provider_reference)
    except Exception as error:  # Notify down or the id unknown: asked again later
        logger.warning("Checking delivery of message %s failed: %s", message.pk, error)
        return None
    return _record(message, status=status, now=now)


def _record(message: Message, *, status: str, now: datetime.datetime) -> Message | None:
    # Only while the message is as it was read: a second check, or a resend in between,
    # leaves it alone.
    unchanged = Message.objects.filter(
        pk=message.pk,
        status=Message.Status.SENT,
        provider_reference=message.provider_reference,
        delivery_status=message.delivery_status,
    )
    seen = {"delivery_status": status[:30], "delivery_checked_at": now}
    if status == BOUNCED:
        reason = f"Notify: {status}: {FAILURE_REASONS[status]}"
        if not unchanged.update(status=Message.Status.BOUNCED, last_error=reason, **seen):
            return None
        logger.warning("Message %s to %s bounced", message.pk, message.recipient)
    elif status in SEND_AGAIN:
        with transaction.atomic():
            # Claimed as a send in progress, then recorded as a failed attempt, as the
            # outbox does: the claim keeps a second check from sending it again too.
            if not unchanged.update(status=Message.Status.SENDING, **seen):
                return None
            message.refresh_from_db()
            attempt_failed(message, error=f"Notify: {status}: {FAILURE_REASONS[status]}", now=now)
    elif not unchanged.update(**seen):
        return None
    message.refresh_from_db()
    return message


def deliveries_check(*, now: datetime.datetime | None = None) -> list[Message]:
    """Check every message awaiting delivery; the messages Notify said something of."""
    now = now or timezone.now()
    mailer = notify_mailer()
    if mailer is None:
        return []
    ids = list(awaiting_delivery(now=now).values_list("pk", flat=True))
    return [m for pk in ids if (m := message_delivery_check(message_id=pk, now=now, mailer=mailer))]


def message_delivery_follow(*, message_id: int, now: datetime.datetime | None = None):
    """The check scheduled after a send: if Notify is still sending the message, check
    again at the next time in CHECK_AFTER (the daily check follows it after that)."""
    now = now or timezone.now()
    message = message_delivery_check(message_id=message_id, now=now)
    if message is not None and message.status == Message.Status.SENT:
        later = [message.sent_at + after for after in CHECK_AFTER if message.sent_at + after > now]
        if message.delivery_status != DELIVERED and later:
            enqueue_check(message.pk, run_after=later[0])
    return message


def enqueue_check(message_id: int, *, run_after: datetime.datetime) -> None:
    from .tasks import check_delivery

    transaction.on_commit(lambda: check_delivery.using(run_after=run_after).enqueue(message_id))


def enqueue_first_check(message: Message) -> None:
    """Called by the outbox when Notify has accepted a message."""
    enqueue_check(message.pk, run_after=message.sent_at + CHECK_AFTER[0])


def bounced_addresses(*, addresses) -> set[str]:
    """Those of the addresses (in lower case) whose latest message with a known delivery
    bounced: a later delivery clears it, the address having been mended."""
    known = (
        Message.objects.annotate(address=Lower("recipient"))
        .filter(address__in=[a.lower() for a in addresses if a])
        .filter(status__in=[Message.Status.BOUNCED, Message.Status.SENT])
        .filter(delivery_status__in=[DELIVERED, BOUNCED])
        .order_by("address", "-sent_at", "-pk")
        .values_list("address", "status")
    )
    latest: dict[str, str] = {}
    for recipient, status in known:
        latest.setdefault(recipient, status)
    return {r for r, status in latest.items() if status == Message.Status.BOUNCED}
