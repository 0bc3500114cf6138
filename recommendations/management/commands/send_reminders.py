"""Queue the day's reminders and weekly digests: run it daily (cron or a systemd timer).

The messages are sent by the task worker (`manage.py db_worker`, which `make run` starts
beside the web server); `--send-now` sends them in this process instead. Running it
twice on one day queues nothing twice. It also queues the daily check of what GOV.UK
Notify delivered (`check_deliveries`).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from recommendations.models import Message
from recommendations.notifications.digest import digests_queue
from recommendations.notifications.outbox import messages_requeue, messages_send_due
from recommendations.notifications.reminders import reminder_text, reminders_queue
from recommendations.notifications.tasks import check_deliveries


class Command(BaseCommand):
    help = (
        "Email owners' contacts about actions due within 30 days, within 7 days and overdue "
        "(weekly), and editors their weekly digest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be queued; queue nothing."
        )
        parser.add_argument(
            "--send-now",
            action="store_true",
            help="Send the queued messages in this process rather than leave them to the worker.",
        )

    def handle(self, *args, date=None, dry_run=False, send_now=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be a day as YYYY-MM-DD, not “{date}”") from None
        reminders = reminders_queue(today=today, dry_run=dry_run)
        digests = digests_queue(today=today, dry_run=dry_run)
        verb = "Would queue" if dry_run else "Queued"
        kinds = dict(Message.Kind.choices)
        self.stdout.write(f"Reminders for {today:%-d %B %Y}:")
        for reminder in reminders:
            subject, _ = reminder_text(reminder)
            self.stdout.write(f"  {kinds[reminder.kind]} to {reminder.recipient}: {subject}")
        for digest in digests:
            self.stdout.write(f"  Weekly digest to {digest.user.email} ({len(digest.plans)} plans)")
        self.stdout.write(f"{verb} {len(reminders)} reminder(s) and {len(digests)} digest(s).")
        if dry_run:
            return
        # Messages whose task was lost (a stopped worker) go back on the queue.
        requeued = messages_requeue()
        # What Notify learnt since of the messages it accepted: bounces, temporary failures.
        transaction.on_commit(check_deliveries.enqueue)
        if send_now:
            sent = messages_send_due()
            ok = sum(m.status == Message.Status.SENT for m in sent)
            self.stdout.write(f"Sent {ok} message(s); {len(sent) - ok} failed and will be retried.")
        else:
            self.stdout.write(f"{requeued} message(s) waiting for the worker to send them.")
