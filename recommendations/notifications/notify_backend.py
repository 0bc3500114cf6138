"""A Django email backend that sends through GOV.UK Notify.

Notify sends only from templates made in its web interface: the service has one whose
subject is ((subject)) and whose body is ((body)), and puts each message's subject and
plain text in them. The notification id Notify answers with is the provider's
reference, kept on the message (`outbox`) so a send can be traced in Notify.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient

# Set by the outbox on each EmailMessage: which template to use, and our own reference.
KIND_HEADER = "X-Tracker-Kind"
REFERENCE_HEADER = "X-Tracker-Reference"


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT,
        )

    def template_for(self, kind: str) -> str:
        return settings.NOTIFY_TEMPLATE_IDS.get(kind) or settings.NOTIFY_TEMPLATE_ID

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
