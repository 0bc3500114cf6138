"""Every email goes through here: recorded once, then sent in the background and
retried until it is sent or shown as failed. Nothing is sent without a record, and a
record is never dropped.

A message's `key` says what it is for (kind, recipient and period): queuing the same key
again does nothing, so running the reminders twice, or in two processes at once, sends
nothing twice. Sending claims the message in one UPDATE, so two workers never send it
both; a failure is recorded with its error and the message tried again after a growing
delay (RETRY_DELAYS), and after MAX_ATTEMPTS it is marked failed, which the
administrators' "Messages sent" page shows first.

A message sent through GOV.UK Notify is only accepted when sent: it starts with the
delivery status "created" and `deliveries` asks Notify later whether it arrived.
"""

import datetime
import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from ..models import Message
from .notify_backend import KIND_HEADER, REFERENCE_HEADER

logger = logging.getLogger(__name__)

# The delay before each retry: after the first failure, the second, and so on.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A message claimed this long ago and still "sending" lost its worker mid-send.
STALE_SENDING = datetime.timedelta(minutes=30)
PENDING = [Message.Status.QUEUED, Message.Status.RETRYING]


def message_queue(
    *,
    key: str,
    kind: str,
    recipient: str,
    subject: str,
    body: str,
    user=None,
    plan=None,
    owner=None,
    about: dict | None = None,
) -> tuple[Message, bool]:
    """The message with this key, queued for sending if it is new (and whether it is)."""
    with transaction.atomic():
        message, created = Message.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "recipient": recipient,
                "user": user,
                "subject": subject[:255],
                "body": body,
                "plan": plan,
                "owner": owner,
                "about": about or {},
            },
        )
    if created:
        enqueue_send(message.pk)
    return message, created


def not_yet_queued(planned: list) -> list:
    """Those of the planned messages (anything with a `key`) that were never queued."""
    queued = set(
        Message.objects.filter(key__in=[p.key for p in planned]).values_list("key", flat=True)
    )
    return [p for p in planned if p.key not in queued]


def enqueue_send(message_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Send the message in the background once the transaction that made it commits."""
    from .tasks import send_message

    task = send_message.using(run_after=run_after) if run_after else send_message
    transaction.on_commit(lambda: task.enqueue(message_id))


def _due(now: datetime.datetime) -> Q:
    return Q(status__in=PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def message_send(*, message_id: int, now: datetime.datetime | None = None) -> Message | None:
    """Send one message if it is waiting to be sent; record the provider's reference, or
    the error and when to try again. None if another worker has it, or it is done."""
    now = now or timezone.now()
    claimed = Message.objects.filter(_due(now), pk=message_id).update(
        status=Message.Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
    )
    if not claimed:
        return None
    message = Message.objects.get(pk=message_id)
    try:
        reference, through_notify = _deliver(message)
    except Exception as error:  # any failure of any backend: recorded, never lost
        logger.warning("Sending message %s failed: %s", message.pk, error)
        return attempt_failed(message, error=f"{type(error).__name__}: {error}", now=now)
    message.status = Message.Status.SENT
    message.provider_reference = reference[:255]
    message.sent_at = timezone.now()
    message.next_attempt_at = None
    message.last_error = ""
    # Notify has accepted it, not delivered it: its delivery is checked later. SMTP and
    # files have nothing more to say once they take the message.
    message.delivery_status = "created" if through_notify else ""
    message.delivery_checked_at = None
    message.save(
        update_fields=[
            "status",
            "provider_reference",
            "sent_at",
            "next_attempt_at",
            "last_error",
            "delivery_status",
            "delivery_checked_at",
        ]
    )
    if through_notify:
        from .deliveries import enqueue_first_check

        enqueue_first_check(message)
    return message


def _deliver(message: Message) -> tuple[str, bool]:
    """The provider's reference, and whether it is Notify's (whose delivery is known later)."""
    message_id_header = make_msgid(domain=_domain())
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={
            "Message-ID": message_id_header,
            KIND_HEADER: message.kind,
            REFERENCE_HEADER: f"message-{message.pk}",
        },
    )
    # The default mailer (MAILERS): Notify, SMTP, or files in development.
    if email.send() != 1:
        raise RuntimeError("The mail backend accepted no message")
    # Notify's notification id; otherwise the Message-ID the mail server received.
    notify_id = getattr(email, "provider_reference", "")
    return (notify_id, True) if notify_id else (message_id_header, False)


def _domain() -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "localhost"


def attempt_failed(message: Message, *, error: str, now: datetime.datetime) -> Message:
    """Record a failed attempt: try again after the next delay, or, after the last
    attempt, mark the message failed."""
    message.last_error = error[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = Message.Status.FAILED
        message.next_attempt_at = None
    else:
        message.status = Message.Status.RETRYING
        message.next_attempt_at = now + RETRY_DELAYS[message.attempts - 1]
    message.save(update_fields=["last_error", "status", "next_attempt_at"])
    if message.status == Message.Status.RETRYING:
        enqueue_send(message.pk, run_after=message.next_attempt_at)
    return message


def messages_requeue(*, now: datetime.datetime | None = None) -> int:
    """Queue again every message waiting to be sent whose task may have been lost (the
    worker stopped, the queue was cleared), and those whose worker died mid-send. A task
    queued twice sends once: the claim in `message_send` lets one through."""
    now = now or timezone.now()
    with transaction.atomic():
        Message.objects.filter(
            status=Message.Status.SENDING, last_attempt_at__lt=now - STALE_SENDING
        ).update(status=Message.Status.RETRYING, next_attempt_at=now)
        ids = list(Message.objects.filter(_due(now)).values_list("pk", flat=True))
        for pk in ids:
            enqueue_send(pk)
    return len(ids)


def messages_send_due(*, now: datetime.datetime | None = None) -> list[Message]:
    """Send, in this process, every message waiting to be sent (no worker needed)."""
    now = now or timezone.now()
    ids = list(Message.objects.filter(_due(now)).order_by("pk").values_list("pk", flat=True))
    return [m for pk in ids if (m := message_send(message_id=pk, now=now))]


def message_list(*, status: str = "") -> QuerySet[Message]:
    """Every message (or those of one status), newest first."""
    messages = Message.objects.select_related("plan", "owner", "user").order_by(
        "-created_at", "-pk"
    )
    return messages.filter(status=status) if status else messages


def message_counts() -> dict[str, int]:
    """How many messages have each status."""
    counts = dict.fromkeys(Message.Status.values, 0)
    for row in Message.objects.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
