"""`manage.py send_reminders` on the seed plan, with the demo accounts, as after `make run`;
and reviewers told when a plan is submitted to them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from accounts.models import Membership
from recommendations import services
from recommendations.models import Message, MilestoneKind
from recommendations.notifications.tasks import tell_reviewers_of_submission

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_demo_editor_is_reminded_of_the_seed_plans_overdue_actions(seed_plan, settings):
    settings.DEBUG = True  # create_demo_users refuses to run otherwise
    call_command("create_demo_users", verbosity=0, stdout=None)
    editor = get_user_model().objects.get(username="editor")

    dry = run("--date", "2026-12-04", "--dry-run")
    assert "Would queue" in dry and not Message.objects.exists()

    out = run("--date", "2026-12-04", "--send-now")
    reminders = Message.objects.filter(kind="overdue")
    assert reminders.exists() and {m.recipient for m in reminders} == {editor.email}
    assert Message.objects.filter(kind="digest", user=editor).count() == 1
    assert f"Queued {reminders.count()} reminder(s) and 1 digest(s)." in out
    assert f"Sent {reminders.count() + 1} message(s)" in out
    assert len(mail.outbox) == reminders.count() + 1
    assert all(m.status == "sent" for m in Message.objects.all())

    # The same day again: nothing new
    again = run("--date", "2026-12-04", "--send-now")
    assert "Queued 0 reminder(s) and 0 digest(s)." in again
    assert len(mail.outbox) == reminders.count() + 1


def test_a_wrong_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "4/12/2026")


def test_reviewers_are_told_once_when_a_plan_is_submitted(
    seed_plan, people, django_capture_on_commit_callbacks
):
    reviewer = people["reviewer"]
    reviewer.email = "reviewer@example.gov.uk"
    reviewer.save()
    other = get_user_model().objects.create_user("inspector", email="inspector@example.gov.uk")
    Membership.objects.create(user=other, role=Membership.Role.REVIEWER)

    with django_capture_on_commit_callbacks(execute=True):
        milestone = services.plan_submit(
            plan=seed_plan,
            kind=MilestoneKind.PROGRESS_UPDATE_SUBMITTED,
            label="Progress Update Submitted",
            date=datetime.date(2026, 12, 4),
            change_note="Recommendation 6: new progress.",
            user=people["editor"],
        )
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(args_kwargs__args=[milestone.pk]).exists()

    tell_reviewers_of_submission.call(milestone.pk)
    tell_reviewers_of_submission.call(milestone.pk)  # a task run twice tells nobody twice

    told = Message.objects.filter(kind="submitted").order_by("recipient")
    assert [m.recipient for m in told] == ["inspector@example.gov.uk", "reviewer@example.gov.uk"]
    assert "editor submitted “Progress Update Submitted”" in told[0].body
    assert "Recommendation 6: new progress." in told[0].body
