"""Baselines: free before the plan's first submission, kept after it; a new date is a
revision with its reason (seen by slippage, the comparison and the change note), and
only an administrator overwrites a baseline, saying why."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from recommendations import services
from recommendations.models import Milestone, ProgressUpdate
from recommendations.review.change_notes import draft_change_note
from recommendations.review.compare import compare_plans
from recommendations.review.slippage import slippage_csv, slippage_rows
from recommendations.snapshots import plan_snapshot
from tests.factories import ActionFactory, OwnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def submit(plan) -> Milestone:
    return Milestone.objects.create(
        plan=plan,
        kind=Milestone.Kind.PLAN_SUBMITTED,
        label="Action Plan Submitted",
        date=datetime.date(2023, 7, 28),
        position=1,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def action():
    owners = [OwnerFactory(name="SRO MAPPS Programme"), OwnerFactory(name="T/Det Supt")]
    action = ActionFactory(
        target_text="August 2023", target_month=datetime.date(2023, 8, 1), owners=owners
    )
    RoundFactory(plan=action.recommendation.group.plan, label="July 2024")
    return action


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor")


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.gov.uk", "pw")


def plan_of(action):
    return action.recommendation.group.plan


class TestBeforeSubmission:
    def test_the_target_edits_freely(self, action, editor):
        services.action_update(action=action, data={"target_text": "December 2027"}, user=editor)
        action.refresh_from_db()
        assert (action.target_text, action.target_month) == (
            "December 2027",
            datetime.date(2027, 12, 1),
        )


class TestAfterSubmission:
    def test_a_new_target_is_refused_beside_the_target_field(self, action, editor):
        submit(plan_of(action))
        with pytest.raises(ValidationError) as refused:
            services.action_update(
                action=action, data={"target_text": "December 2027"}, user=editor
            )
        assert "Revise the target date" in refused.value.message_dict["target_text"][0]
        action.refresh_from_db()
        assert action.target_text == "August 2023"

    def test_the_same_target_and_other_fields_still_save(self, action, editor):
        submit(plan_of(action))
        services.action_update(
            action=action,
            data={"target_text": " August  2023", "text": "Reworded.", "status": "delayed"},
            user=editor,
        )
        action.refresh_from_db()
        assert (action.text, action.target_text, action.status) == (
            "Reworded.",
            "August 2023",
            "delayed",
        )


class TestRevision:
    def revise(self, action, editor, **kwargs):
        values = {
            "action": action,
            "target_text": "December 2027",
            "reason": "The supplier's contract was re-let.",
            "round_label": "July 2024",
            "user": editor,
        }
        values.update(kwargs)
        return services.action_target_revise(**values)

    def test_is_a_progress_revision_and_keeps_the_baseline(self, action, editor):
        submit(plan_of(action))
        entry = self.revise(action, editor)
        action.refresh_from_db()
        assert action.target_text == "August 2023"
        assert isinstance(entry, ProgressUpdate)
        assert entry.revises_action == action
        assert (entry.target_text, entry.target_month) == (
            "December 2027",
            datetime.date(2027, 12, 1),
        )
        assert entry.text == entry.revision_reason == "The supplier's contract was re-let."
        assert entry.status == action.status
        owners = entry.owners.through.objects.filter(progressupdate=entry).order_by("id")
        assert [o.owner.name for o in owners] == ["SRO MAPPS Programme", "T/Det Supt"]
        assert entry.round.label == "July 2024"
        latest = entry.history.latest()
        assert latest.history_user == editor
        assert "re-let" in latest.history_change_reason

    def test_the_status_is_the_latest_revisions(self, action, editor):
        self.revise(action, editor, target_text="June 2025")
        ProgressUpdate.objects.filter(revises_action=action).update(status="delayed")
        assert self.revise(action, editor).status == "delayed"

    def test_a_new_month_label_starts_a_round(self, action, editor):
        entry = self.revise(action, editor, round_label="January 2025")
        assert (entry.round.label, entry.round.month) == ("January 2025", datetime.date(2025, 1, 1))

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"reason": "  "}, "revision_reason"),
            ({"target_text": "when possible"}, "target_text"),
            ({"round_label": "Soon"}, "round"),
        ],
    )
    def test_is_refused_without_a_reason_a_month_or_a_round(self, action, editor, changes, field):
        with pytest.raises(ValidationError) as refused:
            self.revise(action, editor, **changes)
        assert field in refused.value.message_dict
        assert not ProgressUpdate.objects.filter(revises_action=action).exists()

    def test_is_seen_by_slippage_the_comparison_and_the_change_note(self, action, editor):
        plan = plan_of(action)
        submit(plan)
        before = plan_snapshot(plan=plan)
        self.revise(action, editor)
        after = plan_snapshot(plan=plan)

        (row,) = slippage_rows([after], today=datetime.date(2024, 1, 1))
        assert (row.baseline, row.current, row.months_slipped, row.times_revised) == (
            "August 2023",
            "December 2027",
            52,
            1,
        )
        assert row.reasons == ["The supplier's contract was re-let."]
        assert not row.baseline_corrected
        comparison = compare_plans(before, after)
        ((_, moved),) = comparison.moved_targets
        assert (moved.target.old_text, moved.target.new_text) == ("August 2023", "December 2027")
        assert (
            f"Recommendation {action.recommendation.reference}: target date moved from "
            "August 2023 to December 2027: The supplier's contract was re-let."
        ) in draft_change_note(comparison)


class TestBaselineCorrection:
    def test_an_administrator_overwrites_it_with_the_reason_marked(self, action, admin):
        plan = plan_of(action)
        submit(plan)
        services.action_baseline_correct(
            action=action, target_text="August 2024", reason="Typed 2023 for 2024.", user=admin
        )
        action.refresh_from_db()
        assert (action.target_text, action.target_month) == (
            "August 2024",
            datetime.date(2024, 8, 1),
        )
        assert action.baseline_corrected_at is not None
        assert action.baseline_correction_reason == "Typed 2023 for 2024."
        latest = action.history.latest()
        assert latest.history_user == admin
        assert latest.history_change_reason == "Baseline corrected: Typed 2023 for 2024."
        assert latest.baseline_correction_reason == "Typed 2023 for 2024."

        view = plan_snapshot(plan=plan)
        assert view.actions[0].baseline_corrected
        (row,) = slippage_rows([view], today=datetime.date(2025, 1, 1))  # overdue
        assert row.baseline_corrected
        assert slippage_csv([row]).splitlines()[1].endswith(",Yes,Yes")

    def test_needs_a_reason(self, action, admin):
        with pytest.raises(ValidationError) as refused:
            services.action_baseline_correct(
                action=action, target_text="August 2024", reason=" ", user=admin
            )
        assert "baseline_correction_reason" in refused.value.message_dict

    def test_is_refused_to_anyone_but_an_administrator(self, action, editor):
        submit(plan_of(action))
        with pytest.raises(PermissionDenied):
            services.action_baseline_correct(
                action=action, target_text="August 2024", reason="Typo.", user=editor
            )
        action.refresh_from_db()
        assert (action.target_text, action.baseline_corrected_at) == ("August 2023", None)

    def test_a_stale_version_is_refused(self, action, admin):
        version = services.version_of(action)
        services.action_update(action=action, data={"text": "Meanwhile."})
        with pytest.raises(services.StaleEdit):
            services.action_baseline_correct(
                action=action, target_text="May 2024", reason="Typo.", version=version, user=admin
            )


class TestProgressUpdateUpdate:
    def test_changes_the_named_fields_and_owners_in_order(self, action, editor):
        entry = services.progress_update_add(
            recommendation=action.recommendation,
            round_label="July 2024",
            text="Work continues.",
            owner_names=["SRO MAPPS Programme"],
            status="in_progress",
        )
        services.progress_update_update(
            update=entry,
            data={
                "text": "Work finished.",
                "status": "delayed",
                "target_text": "May 2025",
                "revises_action_id": action.pk,
                "revision_reason": "Staff shortages.",
            },
            owner_names=["Zed", "Alpha", "Mid", "SRO MAPPS Programme"],
            version=services.version_of(entry),
            user=editor,
            change_reason="Corrected",
        )
        entry.refresh_from_db()
        assert (entry.text, entry.target_month, entry.revises_action) == (
            "Work finished.",
            datetime.date(2025, 5, 1),
            action,
        )
        rows = entry.owners.through.objects.filter(progressupdate=entry).order_by("id")
        assert [r.owner.name for r in rows] == ["Zed", "Alpha", "Mid", "SRO MAPPS Programme"]
        assert entry.history.latest().history_change_reason == "Corrected"

    def test_a_revision_keeps_needing_its_reason_and_a_stale_version_is_refused(
        self, action, editor
    ):
        entry = services.action_target_revise(
            action=action, target_text="May 2025", reason="Why.", round_label="July 2024"
        )
        with pytest.raises(ValidationError) as refused:
            services.progress_update_update(update=entry, data={"revision_reason": ""})
        assert "revision_reason" in refused.value.message_dict
        version = services.version_of(entry)
        services.progress_update_update(update=entry, data={"text": "Meanwhile."})
        with pytest.raises(services.StaleEdit):
            services.progress_update_update(update=entry, data={"text": "Mine"}, version=version)

    def test_an_unknown_field_is_a_programming_error(self, action):
        entry = services.action_target_revise(
            action=action, target_text="May 2025", reason="Why.", round_label="July 2024"
        )
        with pytest.raises(TypeError):
            services.progress_update_update(update=entry, data={"round": None})
