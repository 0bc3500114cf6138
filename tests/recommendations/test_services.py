import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import Owner, ProgressUpdate
from tests.factories import ActionFactory, OwnerFactory, RecommendationFactory, RoundFactory

pytestmark = pytest.mark.django_db


class TestOwnerGetOrCreate:
    def test_same_role_in_other_spacing_or_case_is_the_same_owner(self):
        owner = services.owner_get_or_create(name="T/Det Supt CT Nominal Management")
        again = services.owner_get_or_create(name="  t/det supt   CT nominal management ")
        assert again == owner
        assert Owner.objects.count() == 1


class TestProgressUpdateAdd:
    def setup_method(self):
        self.action = ActionFactory(target_text="June 2024")
        self.rec = self.action.recommendation
        self.round = RoundFactory(plan=self.rec.group.plan)
        self.owner = OwnerFactory()

    def add(self, **kwargs):
        values = {
            "recommendation": self.rec,
            "round": self.round,
            "text": "Work continues.",
            "owners": [self.owner],
            "status": "in_progress",
        }
        values.update(kwargs)
        return services.progress_update_add(**values)

    def test_several_entries_in_one_round_keep_their_order(self):
        first, second = self.add(text="One."), self.add(text="Two.")
        assert (first.position, second.position) == (0, 1)

    def test_revising_a_date_needs_a_reason(self):
        with pytest.raises(ValidationError) as caught:
            self.add(status="delayed", target_text="January 2025", revises_action=self.action)
        assert caught.value.message_dict["revision_reason"] == [
            "Enter the reason the target date has changed"
        ]
        assert not ProgressUpdate.objects.exists()

    def test_revising_a_date_needs_a_month(self):
        with pytest.raises(ValidationError) as caught:
            self.add(
                status="delayed",
                target_text="later",
                revises_action=self.action,
                revision_reason="resourcing",
            )
        assert "Enter the revised target date" in caught.value.message_dict["target_text"][0]

    def test_an_action_of_another_recommendation_cannot_be_revised(self):
        other = ActionFactory(recommendation=RecommendationFactory(group=self.rec.group))
        with pytest.raises(ValidationError) as caught:
            self.add(
                status="delayed",
                target_text="January 2025",
                revises_action=other,
                revision_reason="resourcing",
            )
        assert caught.value.message_dict["revises_action"] == [
            "Choose an action of this recommendation"
        ]

    def test_a_round_of_another_plan_is_refused(self):
        with pytest.raises(ValidationError) as caught:
            self.add(round=RoundFactory(label="July 2025"))
        assert caught.value.message_dict["round"] == ["Choose a reporting round of this plan"]

    def test_an_entry_needs_an_owner_and_nothing_is_saved_without_one(self):
        with pytest.raises(ValidationError) as caught:
            self.add(owners=[])
        assert caught.value.message_dict["owners"] == ["Choose at least one responsible owner"]
        assert not ProgressUpdate.objects.exists()


class TestActionAdd:
    def test_actions_are_ordered_and_owned(self):
        rec = RecommendationFactory()
        owners = [OwnerFactory(), OwnerFactory()]
        first = services.action_add(
            recommendation=rec, text="A.", owners=owners, target_text="September 2023"
        )
        second = services.action_add(
            recommendation=rec, text="B.", owners=owners[:1], target_text="April 2024"
        )
        assert [a.pk for a in rec.actions.all()] == [first.pk, second.pk]
        assert first.owners.count() == 2
        assert second.target_month.isoformat() == "2024-04-01"
