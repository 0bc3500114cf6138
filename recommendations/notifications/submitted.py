"""Reviewers hear when a plan is submitted to them: one message each, once."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from .. import permissions
from ..models import Message, Milestone
from .outbox import message_queue


def reviewers():
    return (
        get_user_model()
        .objects.filter(is_active=True, membership__role=permissions.REVIEWER)
        .exclude(email="")
        .order_by("pk")
    )


def submission_messages_queue(*, milestone_id: int) -> list[Message]:
    """Queue the message about this submission to every reviewer; the new ones."""
    milestone = Milestone.objects.select_related("plan__report", "submitted_by").get(
        pk=milestone_id
    )
    plan = milestone.plan
    url = settings.SITE_URL + reverse("recommendations:plan-detail", kwargs={"slug": plan.slug})
    who = milestone.submitted_by.get_username() if milestone.submitted_by else "The department"
    subject = f"Submitted to the inspectorate: {plan.report.title}"
    lines = [
        f"{who} submitted “{milestone.label}” for {plan.title} on {milestone.date:%-d %B %Y}.",
        "",
    ]
    if milestone.change_note:
        lines += ["What changed:", milestone.change_note, ""]
    lines += [f"Read the plan as submitted: {url}"]
    queued = []
    for reviewer in reviewers():
        message, created = message_queue(
            key=f"submitted:{milestone.pk}:{reviewer.pk}",
            kind=Message.Kind.SUBMITTED,
            recipient=reviewer.email,
            user=reviewer,
            subject=subject,
            body="\n".join(lines),
            plan=plan,
            about={"milestone": milestone.pk},
        )
        if created:
            queued.append(message)
    return queued
