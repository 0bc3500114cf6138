"""The background work of notifications (Django's tasks framework, queue "default").

Each task takes ids and is safe to run twice: a message is sent once whatever happens.
"""

from django.tasks import task


@task(queue_name="default")
def send_message(message_id: int) -> str:
    """Send one queued message (retries are queued by the outbox with a delay)."""
    from .outbox import message_send

    message = message_send(message_id=message_id)
    return message.status if message else "skipped"


@task(queue_name="default")
def check_deliveries() -> int:
    """Ask GOV.UK Notify what became of every message sent through it this week whose
    delivery is not yet known; how many it said something of."""
    from .deliveries import deliveries_check

    return len(deliveries_check())


@task(queue_name="default")
def check_delivery(message_id: int) -> str:
    """The check of one message scheduled after its sending (and again while Notify is
    still sending it)."""
    from .deliveries import message_delivery_follow

    message = message_delivery_follow(message_id=message_id)
    return message.delivery_status if message else "skipped"


@task(queue_name="default")
def tell_reviewers_of_submission(milestone_id: int) -> int:
    """Queue a message to every reviewer about this submission; how many were new."""
    from .submitted import submission_messages_queue

    return len(submission_messages_queue(milestone_id=milestone_id))


def submission_made(milestone_id: int) -> None:
    """Called by the submission service: reviewers hear once the submission commits."""
    from django.db import transaction

    transaction.on_commit(lambda: tell_reviewers_of_submission.enqueue(milestone_id))
