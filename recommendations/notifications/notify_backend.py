"""A Django email backend that sends through GOV.UK Notify.

Notify sends only from templates made in its web interface: the service has one whose
subject is ((subject)) and whose body is ((body)), and puts each message's subject and
plain text in them. The notification id Notify answers with is the provider's
reference, kept on the message (`outbox`) so a send can be traced in Notify, and so its
delivery can be asked for later (`deliveries`): Notify accepts a message at once and
only learns afterwards whether it arrived.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient

# Set by the outbox on each EmailMessage: which template to use, and our own reference.
KIND_HEADER = "X-Tracker-Kind"
REFERENCE_HEADER = "X-Tracker-Reference"


class NotifyEmailBackend(BaseEmailBackend):
    """Options (MAILERS' OPTIONS) default to the NOTIFY_* settings."""

    def __init__(
        self,
        *args,
        api_key=None,
        base_url=None,
        template_id=None,
        template_ids=None,
        timeout=30,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.template_ids = template_ids or settings.NOTIFY_TEMPLATE_IDS
        self.client = NotificationsAPIClient(
            api_key or settings.NOTIFY_API_KEY,
            base_url=base_url or settings.NOTIFY_BASE_URL,
            timeout=timeout,
        )

    @property
    def fail_silently(self) -> bool:
        return getattr(self, "_fail_silently", False)

    def template_for(self, kind: str) -> str:
        return self.template_ids.get(kind) or self.template_id

    def send_messages(self, email_messages) -> int:
        sent = 0
        for email in email_messages:
            headers = email.extra_headers or {}
            references = []
            try:
                for address in email.recipients():
                    answer = self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_for(headers.get(KIND_HEADER, "")),
                        personalisation={"subject": email.subject, "body": email.body},
                        reference=headers.get(REFERENCE_HEADER) or None,
                    )
                    references.append(str(answer["id"]))
            except Exception:
                if not self.fail_silently:
                    raise
                continue
            # Read back by the outbox: Notify's id for each recipient.
            email.provider_reference = ",".join(references)
            sent += 1
        return sent

    def notification_status(self, notification_id: str) -> str:
        """What Notify says of a notification now: created, sending, pending, delivered,
        permanent-failure, temporary-failure or technical-failure."""
        return str(self.client.get_notification_by_id(notification_id)["status"])
