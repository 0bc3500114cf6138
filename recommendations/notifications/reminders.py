"""Reminders to owners' contacts: the actions due within 30 days, due within 7 days and
overdue, one message per owner for each of its contacts.

"Due" is the end of the action's current target month (its latest revised target): a
month is met if done by its last day, as the dashboard and the slippage report count.
An open action (not completed, superseded or the like; not archived) is

- due within 30 days when its month ends 8 to 30 days from today: told once, when it
  enters that window (a revised target enters it anew);
- due within 7 days when its month ends today or within 7 days: told once, likewise;
- overdue once its month has ended: told once a week (ISO week), until it is done or
  its target revised.

A message's key names its kind, owner, recipient and what it tells (the actions and
their target months, or the week), so running twice on a day queues nothing new.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .. import targets
from ..models import ActionPlan, Message, Owner
from ..snapshots import ActionView, PlanView, RecommendationView, plan_snapshot
from ..text import single_spaced
from .contacts import addresses_by_owner
from .outbox import message_queue, not_yet_queued

WINDOWS = {Message.Kind.DUE_7: 7, Message.Kind.DUE_30: 30}
REMINDER_KINDS = [Message.Kind.OVERDUE, Message.Kind.DUE_7, Message.Kind.DUE_30]
SHORT_TEXT = 160


@dataclass
class DueAction:
    plan: PlanView
    recommendation: RecommendationView
    action: ActionView
    number: int  # the action's number within its recommendation, from 1

    @property
    def due_on(self) -> datetime.date:
        return targets.month_end(self.action.current_target_month)

    @property
    def item(self) -> str:
        """What a due reminder tells: this action, at this target month."""
        return f"{self.action.id}@{self.action.current_target_month:%Y-%m}"


def reminder_kind(action: ActionView, today: datetime.date) -> str:
    """Which reminder an action is in on this day, or "" for none."""
    if action.is_overdue(today):
        return Message.Kind.OVERDUE
    if action.is_due_soon(today, days=WINDOWS[Message.Kind.DUE_7]):
        return Message.Kind.DUE_7
    if action.is_due_soon(today, days=WINDOWS[Message.Kind.DUE_30]):
        return Message.Kind.DUE_30
    return ""


def live_snapshots() -> list[PlanView]:
    """Every plan as it stands now: owners hear about the working plan, drafts included."""
    plans = ActionPlan.objects.select_related("report").order_by("pk")
    return [plan_snapshot(plan=plan) for plan in plans]


def due_actions_by_owner(
    *, views: list[PlanView], today: datetime.date
) -> dict[tuple[str, str], list[DueAction]]:
    """(kind, owner name) -> the owner's actions in that reminder on this day."""
    found: dict[tuple[str, str], list[DueAction]] = {}
    for view in views:
        for rec in view.recommendations:
            for number, action in enumerate(rec.actions, start=1):
                kind = reminder_kind(action, today)
                if not kind:
                    continue
                for owner in dict.fromkeys(action.owners):
                    found.setdefault((kind, owner), []).append(
                        DueAction(plan=view, recommendation=rec, action=action, number=number)
                    )
    return found


@dataclass
class Planned:
    """A reminder to send: to whom, about which owner's actions."""

    kind: str
    owner: Owner
    recipient: str
    user: object
    actions: list[DueAction]
    key: str


def iso_week(today: datetime.date) -> str:
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def reminders_planned(*, today: datetime.date, views=None) -> list[Planned]:
    """Every reminder due on this day that has not been queued before."""
    views = live_snapshots() if views is None else views
    due = due_actions_by_owner(views=views, today=today)
    owners = {o.name: o for o in Owner.objects.filter(name__in={name for _, name in due})}
    contacts = addresses_by_owner(owner_ids=[o.pk for o in owners.values()])
    told = _already_told(owner_ids=[o.pk for o in owners.values()])
    planned = []
    for kind in REMINDER_KINDS:
        for (due_kind, name), actions in sorted(due.items(), key=lambda i: i[0][1]):
            owner = owners.get(name)
            if due_kind != kind or owner is None:
                continue
            for contact in contacts.get(owner.pk, []):
                recipient = contact.address.lower()
                if kind == Message.Kind.OVERDUE:
                    key = f"overdue:{owner.pk}:{recipient}:{iso_week(today)}"
                    news = actions
                else:
                    seen = told.get((kind, owner.pk, recipient), set())
                    news = [a for a in actions if a.item not in seen]
                    if not news:
                        continue
                    items = ",".join(sorted(a.item for a in news))
                    digest = hashlib.sha256(items.encode()).hexdigest()[:24]
                    key = f"{kind}:{owner.pk}:{recipient}:{digest}"
                planned.append(
                    Planned(kind, owner, recipient, contact.user, sorted(news, key=_order), key)
                )
    return not_yet_queued(planned)


def _order(due: DueAction):
    return (due.due_on, due.plan.report_title, due.recommendation.position, due.number)


def _already_told(*, owner_ids) -> dict[tuple[str, int, str], set[str]]:
    told: dict[tuple[str, int, str], set[str]] = {}
    earlier = Message.objects.filter(kind__in=list(WINDOWS), owner_id__in=owner_ids)
    for kind, owner_id, recipient, about in earlier.values_list(
        "kind", "owner_id", "recipient", "about"
    ):
        told.setdefault((kind, owner_id, recipient), set()).update(about.get("items", []))
    return told


def reminders_queue(*, today: datetime.date, dry_run: bool = False) -> list[Planned]:
    """Queue (or, in a dry run, only list) the reminders due on this day."""
    planned = reminders_planned(today=today)
    if dry_run:
        return planned
    plans_by_id = ActionPlan.objects.in_bulk({a.plan.id for r in planned for a in r.actions})
    queued = []
    for reminder in planned:
        subject, body = reminder_text(reminder)
        plans = {a.plan.id for a in reminder.actions}
        _, created = message_queue(
            key=reminder.key,
            kind=reminder.kind,
            recipient=reminder.recipient,
            user=reminder.user,
            subject=subject,
            body=body,
            plan=plans_by_id[plans.pop()] if len(plans) == 1 else None,
            owner=reminder.owner,
            about={
                "items": [a.item for a in reminder.actions],
                "actions": [
                    {
                        "id": a.action.id,
                        "plan": a.plan.slug,
                        "recommendation": a.recommendation.reference,
                    }
                    for a in reminder.actions
                ],
            },
        )
        if created:
            queued.append(reminder)
    return queued


INTRO = {
    Message.Kind.DUE_30: "due within 30 days",
    Message.Kind.DUE_7: "due within 7 days",
    Message.Kind.OVERDUE: "overdue",
}


def reminder_text(reminder: Planned) -> tuple[str, str]:
    count = len(reminder.actions)
    noun = "action" if count == 1 else "actions"
    when = INTRO[reminder.kind]
    subject = f"{count} {noun} {when}: {reminder.owner.name}"
    lines = [
        f"{count} {noun} owned by {reminder.owner.name} {'is' if count == 1 else 'are'} {when}.",
        "",
    ]
    for due in reminder.actions:
        lines += action_lines(due)
    lines += [
        "Update the plan with progress, or revise the target date with the reason, on the "
        "recommendation's page.",
        "",
        f"You receive this because you are a contact for {reminder.owner.name} in the "
        "action plan tracker. The plan's editors keep the list of contacts.",
    ]
    return subject, "\n".join(lines)


def action_lines(due: DueAction) -> list[str]:
    text = single_spaced(due.action.text)
    if len(text) > SHORT_TEXT:
        text = text[: SHORT_TEXT - 1].rstrip() + "…"
    return [
        f"{due.plan.report_title}",
        f"Recommendation {due.recommendation.reference}, action {due.number}: {text}",
        f"Target: {due.action.current_target_text} (due by {due.due_on:%-d %B %Y})",
        recommendation_url(due.plan.slug, due.recommendation.id),
        "",
    ]


def recommendation_url(slug: str, rec_id: int) -> str:
    path = reverse("recommendations:recommendation-detail", kwargs={"slug": slug, "pk": rec_id})
    return f"{settings.SITE_URL}{path}"
