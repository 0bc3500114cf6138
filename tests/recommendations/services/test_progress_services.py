"""Progress: one call takes what the form gives and resolves rounds, owners and the
action a revision moves, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import Owner, ProgressUpdate, ReportingRound
from tests.factories import ActionFactory, RecommendationFactory, RoundFactory

pytestmark = pytest.mark.django_db


class TestProgressUpdateAdd:
    def setup_method(self):
        self.action = ActionFactory(target_text="June 2024")
        self.rec = self.action.recommendation
        self.round = RoundFactory(plan=self.rec.group.plan)

    def add(self, **kwargs):
        values = {
            "recommendation": self.rec,
            "round_label": self.round.label,
            "text": "Work continues.",
            "owner_names": ["Deputy Director JEXU"],
            "status": "in_progress",
        }
        values.update(kwargs)
        return services.progress_update_add(**values)

    def test_several_entries_in_one_round_keep_their_order(self):
        first, second = self.add(text="One."), self.add(text="Two.")
        assert (first.position, second.position) == (0, 1)
        assert first.round == second.round == self.round

    def test_a_new_round_and_new_owners_are_made_in_the_recommendations_plan(self):
        update = self.add(round_label=" july  2025 ", owner_names=["New role", "Other role"])

        assert update.round.plan == self.rec.group.plan
        assert (update.round.label, update.round.month) == ("july 2025", datetime.date(2025, 7, 1))
        rows = update.owners.through.objects.filter(progressupdate=update).order_by("id")
        assert [r.owner.name for r in rows] == ["New role", "Other role"]

    def test_a_revision_names_the_action_by_id_and_keeps_the_original_target(self):
        update = self.add(
            status="delayed",
            target_text="January 2025",
            revises_action_id=self.action.pk,
            revision_reason="internal resourcing pressures",
        )
        self.action.refresh_from_db()
        assert update.revises_action == self.action
        assert (self.action.target_text, update.target_month) == (
            "June 2024",
            datetime.date(2025, 1, 1),
        )

    def test_revising_a_date_needs_a_reason(self):
        with pytest.raises(ValidationError) as caught:
            self.add(status="delayed", target_text="January 2025", revises_action_id=self.action.pk)
        assert caught.value.message_dict["revision_reason"] == [
            "Enter the reason the target date has changed"
        ]
        assert not ProgressUpdate.objects.exists()

    def test_revising_a_date_needs_a_month(self):
        with pytest.raises(ValidationError) as caught:
            self.add(
                status="delayed",
                target_text="later",
                revises_action_id=self.action.pk,
                revision_reason="resourcing",
            )
        assert "Enter the revised target date" in caught.value.message_dict["target_text"][0]

    def test_an_action_of_another_recommendation_cannot_be_revised(self):
        other = ActionFactory(recommendation=RecommendationFactory(group=self.rec.group))
        with pytest.raises(ValidationError) as caught:
            self.add(
                status="delayed",
                target_text="January 2025",
                revises_action_id=other.pk,
                revision_reason="resourcing",
            )
        assert caught.value.message_dict["revises_action"] == [
            "Choose an action of this recommendation"
        ]

    def test_a_refused_entry_leaves_no_new_round_or_owner_behind(self):
        with pytest.raises(ValidationError):
            self.add(round_label="July 2026", owner_names=["Brand new role"], text="  ")
        assert not ReportingRound.objects.filter(label="July 2026").exists()
        assert not Owner.objects.filter(name="Brand new role").exists()
        assert not ProgressUpdate.objects.exists()

    def test_an_entry_needs_an_owner_and_nothing_is_saved_without_one(self):
        with pytest.raises(ValidationError) as caught:
            self.add(owner_names=[""])
        assert caught.value.message_dict["owners"] == ["Choose at least one responsible owner"]
        assert not ProgressUpdate.objects.exists()


class TestRounds:
    def test_round_found_ignoring_case_or_made_from_a_month(self):
        plan = RoundFactory().plan
        assert services.round_get_or_create(plan=plan, label="july 2024").label == "July 2024"
        new = services.round_get_or_create(plan=plan, label="July 2025")
        assert new.month == datetime.date(2025, 7, 1)

    def test_a_round_without_a_month_is_refused(self):
        with pytest.raises(ValidationError) as caught:
            services.round_get_or_create(plan=RoundFactory().plan, label="Next time")
        assert caught.value.message_dict["round"] == [
            "Enter the reporting round as a month and year, such as July 2025"
        ]


def test_the_model_refuses_a_round_of_another_plan_written_directly():
    # The service always resolves the round in the recommendation's own plan; the model
    # holds the rule for any other writer (the admin, an importer).
    action = ActionFactory()
    update = ProgressUpdate(
        recommendation=action.recommendation,
        round=RoundFactory(label="July 2025"),
        text="Work continues.",
        status="in_progress",
    )
    with pytest.raises(ValidationError) as caught:
        update.full_clean()
    assert caught.value.message_dict["round"] == ["Choose a reporting round of this plan"]
