"""The weekly digest: for each editor, their plans' overdue actions, actions due within
30 days and actions whose target has moved later, as the slippage report lists them.

Sent once per editor per ISO week (the first run of the reminders in the week), only
when one of their plans has something to report, and never to an editor who has turned
the digest off ("Email preferences").
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from .. import permissions
from ..models import Message
from ..review.slippage import SlippageRow, slippage_rows
from ..snapshots import PlanView
from .outbox import message_queue, not_yet_queued
from .reminders import iso_week, live_snapshots, recommendation_url


@dataclass
class PlanDigest:
    plan: PlanView
    overdue: list[SlippageRow]
    due_soon: list[SlippageRow]
    slipped: list[SlippageRow]

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.slipped)


@dataclass
class Digest:
    user: object
    plans: list[PlanDigest]
    key: str


def digest_recipients():
    """Editors with an email address who have not turned the digest off."""
    return (
        get_user_model()
        .objects.filter(is_active=True, membership__role=permissions.EDITOR)
        .exclude(email="")
        .exclude(notification_preference__weekly_digest=False)
        .prefetch_related("membership__bodies")
        .order_by("pk")
    )


def plan_digest(view: PlanView, *, today: datetime.date) -> PlanDigest:
    rows = slippage_rows([view], today=today)
    return PlanDigest(
        plan=view,
        overdue=[r for r in rows if r.overdue],
        due_soon=[r for r in rows if r.due_soon],
        slipped=[r for r in rows if r.months_slipped > 0],
    )


def digests_planned(*, today: datetime.date, views=None) -> list[Digest]:
    views = live_snapshots() if views is None else views
    digests = {view.id: plan_digest(view, today=today) for view in views}
    week = iso_week(today)
    planned = []
    for user in digest_recipients():
        bodies = {b.pk for b in user.membership.bodies.all()}
        plans = [
            digests[view.id]
            for view in views
            if bodies & {b.pk for b in view.bodies} and not digests[view.id].is_empty
        ]
        if plans:
            planned.append(Digest(user=user, plans=plans, key=f"digest:{user.pk}:{week}"))
    return not_yet_queued(planned)


def digests_queue(*, today: datetime.date, dry_run: bool = False) -> list[Digest]:
    planned = digests_planned(today=today)
    if dry_run:
        return planned
    queued = []
    for digest in planned:
        subject, body = digest_text(digest, today=today)
        _, created = message_queue(
            key=digest.key,
            kind=Message.Kind.DIGEST,
            recipient=digest.user.email,
            user=digest.user,
            subject=subject,
            body=body,
            about={"plans": [p.plan.slug for p in digest.plans], "week": iso_week(today)},
        )
        if created:
            queued.append(digest)
    return queued


def digest_text(digest: Digest, *, today: datetime.date) -> tuple[str, str]:
    subject = f"Your action plans this week ({today:%-d %B %Y})"
    lines = [f"Your action plans as they stand on {today:%-d %B %Y}.", ""]
    for plan in digest.plans:
        view = plan.plan
        lines += [
            view.report_title,
            f"{len(plan.overdue)} overdue, {len(plan.due_soon)} due within 30 days, "
            f"{len(plan.slipped)} with a target date moved later.",
        ]
        for title, rows in (("Overdue", plan.overdue), ("Due within 30 days", plan.due_soon)):
            if rows:
                lines.append(f"{title}:")
                lines += [
                    f"- Recommendation {r.reference}, action {r.number}: {r.current} "
                    f"({', '.join(r.owners)}) {recommendation_url(view.slug, r.recommendation_id)}"
                    for r in rows
                ]
        report = reverse("recommendations:slippage-report")
        lines += [f"Slipped and overdue actions: {settings.SITE_URL}{report}?plan={view.slug}", ""]
    preferences = reverse("email-preferences")
    lines.append(
        f"To stop this weekly email, change your email preferences: "
        f"{settings.SITE_URL}{preferences}"
    )
    return subject, "\n".join(lines)
