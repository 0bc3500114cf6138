"""Progress rounds: started with a due date, each recommendation marked done once it
has an update in the round."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import RoundCompletion
from tests.factories import ActionFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def test_a_round_starts_with_its_due_date_and_history(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    plan = RecommendationFactory().group.plan

    round_ = services.round_start(
        plan=plan,
        label="July 2025",
        due_on=datetime.date(2025, 7, 31),
        user=editor,
        change_reason="Next round",
    )

    assert (round_.label, round_.month, round_.due_on) == (
        "July 2025",
        datetime.date(2025, 7, 1),
        datetime.date(2025, 7, 31),
    )
    assert round_.history.latest().history_user == editor
    again = services.round_start(plan=plan, label="july 2025", due_on=datetime.date(2025, 8, 1))
    assert again == round_ and again.due_on == datetime.date(2025, 8, 1)


def test_a_round_needs_a_month():
    with pytest.raises(ValidationError) as caught:
        services.round_start(plan=RecommendationFactory().group.plan, label="Soon", due_on=None)
    assert "month and year" in caught.value.message_dict["round"][0]


class TestMarkingDone:
    def setup_method(self):
        self.action = ActionFactory()
        self.rec = self.action.recommendation
        self.round = services.round_start(plan=self.rec.group.plan, label="July 2025", due_on=None)

    def test_nothing_to_report_cannot_be_marked_done(self):
        with pytest.raises(ValidationError) as caught:
            services.round_task_mark(round=self.round, recommendation=self.rec, done=True)
        assert caught.value.message_dict["recommendation"] == [
            f"Add a progress update for recommendation {self.rec.reference} in July 2025 "
            "before marking it done"
        ]
        assert not RoundCompletion.objects.exists()

    def test_marked_done_once_and_unmarked_with_history(self, django_user_model):
        editor = django_user_model.objects.create_user("editor")
        services.progress_update_add(
            recommendation=self.rec,
            round_label="July 2025",
            text="Done.",
            owner_names=["A role"],
            status="completed",
        )
        for _ in range(2):
            services.round_task_mark(
                round=self.round, recommendation=self.rec, done=True, user=editor
            )
        mark = RoundCompletion.objects.get()
        assert (mark.completed_by, mark.recommendation) == (editor, self.rec)

        services.round_task_mark(round=self.round, recommendation=self.rec, done=False, user=editor)
        assert not RoundCompletion.objects.exists()
        kinds = [h.history_type for h in RoundCompletion.history.order_by("history_date")]
        assert kinds == ["+", "-"]

    def test_a_recommendation_of_another_plan_is_refused(self):
        other = RecommendationFactory()
        with pytest.raises(ValidationError):
            services.round_task_mark(round=self.round, recommendation=other, done=True)
