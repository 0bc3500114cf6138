"""Which actions are reminded of on a day, to whom, and that nothing is sent twice."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Membership, NotificationPreference
from recommendations.models import Message, ResponsibleBody, Status
from recommendations.notifications.digest import digests_queue
from recommendations.notifications.reminders import reminders_queue
from tests.factories import OwnerFactory
from tests.recommendations.notifications.support import contact, owned_action

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)  # due by 31 March 2025


def kinds_sent(today):
    reminders_queue(today=today)
    return sorted(Message.objects.values_list("kind", flat=True))


def test_an_action_is_reminded_once_at_30_days_once_at_7_days_then_weekly_when_overdue():
    owner = OwnerFactory(name="Deputy Director Custody")
    owned_action(month=MARCH, owner=owner)
    contact(owner, email="Custody.Lead@example.gov.uk")

    # 45 days before the end of March: nothing yet
    assert kinds_sent(datetime.date(2025, 2, 14)) == []
    # 30 days before: due within 30 days, once however often the reminders run
    assert kinds_sent(datetime.date(2025, 3, 1)) == ["due_30"]
    assert kinds_sent(datetime.date(2025, 3, 1)) == ["due_30"]
    assert kinds_sent(datetime.date(2025, 3, 10)) == ["due_30"]
    # 7 days before: due within 7 days, once
    assert kinds_sent(datetime.date(2025, 3, 24)) == ["due_30", "due_7"]
    assert kinds_sent(datetime.date(2025, 3, 31)) == ["due_30", "due_7"]
    # Overdue from 1 April: once a week (ISO week: Monday 31 March to Sunday 6 April)
    assert kinds_sent(datetime.date(2025, 4, 1)) == ["due_30", "due_7", "overdue"]
    assert kinds_sent(datetime.date(2025, 4, 6)) == ["due_30", "due_7", "overdue"]
    assert kinds_sent(datetime.date(2025, 4, 7)) == ["due_30", "due_7", "overdue", "overdue"]

    message = Message.objects.get(kind="due_7")
    assert message.recipient == "custody.lead@example.gov.uk"
    assert message.subject == "1 action due within 7 days: Deputy Director Custody"
    assert "Target: March 2025 (due by 31 March 2025)" in message.body
    assert "http://testserver" not in message.body and "/recommendations/" in message.body


def test_a_revised_target_enters_the_window_anew(seed_plan):
    """The seed's actions carry their revised targets: the reminder follows the latest."""
    from recommendations.notifications.reminders import due_actions_by_owner, live_snapshots

    views = live_snapshots()
    revised = [a for v in views for a in v.actions if a.is_revised]
    assert revised, "the seed plan revises some targets"
    action = revised[0]
    end = action.current_target_month
    due = due_actions_by_owner(views=views, today=end.replace(day=2))
    kinds = {kind for (kind, owner), actions in due.items() for a in actions if a.action is action}
    if action.latest_status in Status.closed():
        assert kinds == set()
    else:
        assert kinds == {"due_7"} or kinds == {"due_30"}


def test_completed_actions_and_actions_without_a_month_are_not_reminded():
    owner = OwnerFactory()
    done = owned_action(month=MARCH, owner=owner)
    done.status = Status.COMPLETED
    done.save()
    undated = owned_action(month=MARCH, owner=owner)
    undated.target_text, undated.target_month = "Ongoing", None
    undated.save()
    contact(owner, email="lead@example.gov.uk")

    assert kinds_sent(datetime.date(2025, 4, 10)) == []


def test_each_contact_gets_one_message_per_owner_and_a_linked_user_gets_it_at_their_address():
    owner = OwnerFactory(name="Head of Security")
    owned_action(month=MARCH, owner=owner, text="First")
    owned_action(month=MARCH, owner=owner, text="Second")
    person = get_user_model().objects.create_user("lead", email="lead@example.gov.uk")
    contact(owner, user=person)
    contact(owner, email="deputy@example.gov.uk")

    reminders_queue(today=datetime.date(2025, 4, 2))

    messages = Message.objects.order_by("recipient")
    assert [(m.recipient, m.user) for m in messages] == [
        ("deputy@example.gov.uk", None),
        ("lead@example.gov.uk", person),
    ]
    assert all(m.subject == "2 actions overdue: Head of Security" for m in messages)
    assert "First" in messages[0].body and "Second" in messages[0].body


def test_a_removed_contact_is_told_nothing():
    from recommendations.notifications.contacts import owner_contact_remove

    owner = OwnerFactory()
    owned_action(month=MARCH, owner=owner)
    owner_contact_remove(contact=contact(owner, email="gone@example.gov.uk"))

    assert kinds_sent(datetime.date(2025, 4, 2)) == []


def test_a_dry_run_lists_and_queues_nothing():
    owner = OwnerFactory()
    owned_action(month=MARCH, owner=owner)
    contact(owner, email="lead@example.gov.uk")

    planned = reminders_queue(today=datetime.date(2025, 4, 2), dry_run=True)

    assert [p.recipient for p in planned] == ["lead@example.gov.uk"]
    assert not Message.objects.exists()


def _editor(username, body, email):
    user = get_user_model().objects.create_user(username, email=email)
    Membership.objects.create(user=user, role=Membership.Role.EDITOR).bodies.set([body])
    return user


def test_editors_get_one_digest_a_week_unless_they_turned_it_off():
    body = ResponsibleBody.objects.create(name="HM Prison & Probation Service")
    action = owned_action(month=MARCH)
    action.recommendation.group.plan.bodies.set([body])
    keen = _editor("keen", body, "keen@example.gov.uk")
    busy = _editor("busy", body, "busy@example.gov.uk")
    NotificationPreference.objects.create(user=busy, weekly_digest=False)
    other = ResponsibleBody.objects.create(name="Youth Justice Board")
    _editor("elsewhere", other, "elsewhere@example.gov.uk")

    digests_queue(today=datetime.date(2025, 4, 2))
    digests_queue(today=datetime.date(2025, 4, 6))  # the same week

    digest = Message.objects.get(kind="digest")
    assert digest.user == keen
    assert "1 overdue, 0 due within 30 days" in digest.body
    assert "/accounts/email-preferences/" in digest.body

    digests_queue(today=datetime.date(2025, 4, 7))  # the next week
    assert Message.objects.filter(kind="digest", user=keen).count() == 2
