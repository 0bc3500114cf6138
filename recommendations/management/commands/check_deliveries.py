"""Ask GOV.UK Notify what became of the messages it accepted this week: delivered,
bounced (shown on "Messages"), or failed for now and sent again.

`send_reminders` queues the same check daily for the worker, and the worker checks each
message about 10 minutes after sending it; this runs it now, in this process.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from recommendations.notifications.deliveries import (
    awaiting_delivery,
    deliveries_check,
    notify_mailer,
)


class Command(BaseCommand):
    help = "Check with GOV.UK Notify whether the messages sent through it were delivered."

    def handle(self, *args, **options):
        if notify_mailer() is None:
            self.stdout.write(
                "The mailer is not GOV.UK Notify: mail sent by SMTP or to files has no "
                "delivery to check."
            )
            return
        waiting = awaiting_delivery().count()
        checked = deliveries_check()
        if waiting and not checked:
            self.stdout.write(
                f"{waiting} message(s) await delivery, but Notify did not answer: "
                "they are checked again later."
            )
            return
        said = Counter(m.delivery_status for m in checked)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(said.items())) or "none"
        self.stdout.write(f"Checked {len(checked)} of {waiting} message(s) with Notify: {summary}.")
