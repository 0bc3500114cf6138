"""Recommendations and actions: the categorisation rules, and updates that change only
the fields they name."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import Action
from tests.factories import ActionFactory, OwnerFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


class TestRecommendationEditing:
    def test_add_and_update_with_the_categorisation_rules(self):
        group = RecommendationFactory().group
        rec = services.recommendation_add(
            group=group, reference="S40", text="Improve.", agreement="agreed", reasons=[]
        )
        with pytest.raises(ValidationError) as caught:
            services.recommendation_update(
                recommendation=rec,
                data={"agreement": "not_agreed", "rationale": "", "reasons": []},
            )
        assert set(caught.value.message_dict) == {"rationale", "reasons"}
        rec.refresh_from_db()
        assert rec.agreement == "agreed"

        services.recommendation_update(
            recommendation=rec,
            data={
                "agreement": "not_agreed",
                "rationale": "Not affordable this year.",
                "reasons": ["affordability"],
            },
            change_reason="Budget",
        )
        rec.refresh_from_db()
        assert (rec.agreement, rec.reasons) == ("not_agreed", ["affordability"])
        assert rec.history.latest().history_change_reason == "Budget"

    def test_agreeing_clears_reason_categories(self):
        rec = RecommendationFactory(
            agreement="partly_agreed", rationale="Part.", reason_policy=True
        )
        services.recommendation_update(
            recommendation=rec,
            data={"agreement": "agreed", "rationale": "", "reasons": ["policy"]},
        )
        rec.refresh_from_db()
        assert rec.reasons == []

    def test_a_field_the_service_does_not_name_is_refused_before_anything_is_saved(self):
        rec = RecommendationFactory(text="As it was.")
        with pytest.raises(TypeError, match="archived_at"):
            services.recommendation_update(
                recommendation=rec, data={"text": "Changed.", "archived_at": None}
            )
        rec.refresh_from_db()
        assert rec.text == "As it was."


class TestActionAdd:
    def test_actions_are_ordered_and_owned_in_the_order_named(self):
        rec = RecommendationFactory()
        first = services.action_add(
            recommendation=rec,
            text="A.",
            owner_names=["Zed role", "Alpha role"],
            target_text="September 2023",
        )
        second = services.action_add(
            recommendation=rec, text="B.", owner_names=["Zed role"], target_text="April 2024"
        )
        assert [a.pk for a in rec.actions.all()] == [first.pk, second.pk]
        rows = first.owners.through.objects.filter(action=first).order_by("id")
        assert [r.owner.name for r in rows] == ["Zed role", "Alpha role"]
        assert second.target_month.isoformat() == "2024-04-01"


class TestActionUpdate:
    def test_changing_the_words_re_derives_the_month_and_keeps_owner_order(self):
        action = ActionFactory()
        services.action_update(
            action=action,
            data={"target_text": "end of 2025-26"},
            owner_names=["B role", "A role"],
        )
        action.refresh_from_db()
        assert action.target_month == datetime.date(2026, 3, 1)
        rows = action.owners.through.objects.filter(action=action).order_by("id")
        assert [r.owner.name for r in rows] == ["B role", "A role"]

    def test_an_action_needs_an_owner(self):
        with pytest.raises(ValidationError):
            services.action_update(
                action=ActionFactory(), data={"target_text": "May 2025"}, owner_names=[]
            )

    def test_an_edit_keeps_what_others_changed_in_fields_it_does_not_touch(self):
        action = ActionFactory(position=0)
        read_earlier = Action.objects.get(pk=action.pk)
        Action.objects.filter(pk=action.pk).update(position=4)  # moved meanwhile

        saved = services.action_update(
            action=read_earlier, data={"text": "New words."}, owner_names=[OwnerFactory().name]
        )

        action.refresh_from_db()
        assert (action.text, action.position) == ("New words.", 4)
        assert saved.position == 4

    def test_owners_are_unchanged_when_none_are_given(self):
        action = ActionFactory()
        before = list(action.owners.values_list("name", flat=True))
        services.action_update(action=action, data={"text": "Only the words."})
        assert list(action.owners.values_list("name", flat=True)) == before
