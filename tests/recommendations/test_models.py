"""The categorisation rules and the database constraints behind them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recommendations.models import Agreement, Owner, ProgressUpdate, Recommendation, Status
from tests.factories import ActionFactory, GroupFactory, RecommendationFactory, RoundFactory

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


class TestCategorisationRules:
    def test_agreed_needs_no_explanation(self):
        RecommendationFactory.build(group=RecommendationFactory().group).full_clean()

    def test_partly_agreed_without_explanation_is_refused_with_its_message(self):
        rec = RecommendationFactory(agreement=Agreement.AGREED)
        rec.agreement = Agreement.PARTLY_AGREED
        rec.reasons = ["operational"]
        assert errors_of(rec)["rationale"] == [
            "Explain which part of the recommendation will be implemented and why not all of it"
        ]

    def test_not_agreed_without_explanation_is_refused_with_its_message(self):
        rec = RecommendationFactory()
        rec.agreement = Agreement.NOT_AGREED
        rec.reasons = ["affordability"]
        assert errors_of(rec)["rationale"] == ["Explain why the recommendation is not agreed"]

    @pytest.mark.parametrize("agreement", [Agreement.PARTLY_AGREED, Agreement.NOT_AGREED])
    def test_not_fully_agreed_without_reason_category_is_refused(self, agreement):
        rec = RecommendationFactory()
        rec.agreement = agreement
        rec.rationale = "Only the prison part is affordable."
        message = errors_of(rec)["reasons"][0]
        assert message.startswith(
            f"Select at least one reason why the recommendation is {agreement.label}"
        )
        assert "commissioning, policy, operational or affordability" in message

    @pytest.mark.parametrize("agreement", [Agreement.PARTLY_AGREED, Agreement.NOT_AGREED])
    @pytest.mark.parametrize("reason", ["commissioning", "policy", "operational", "affordability"])
    def test_each_reason_category_with_an_explanation_is_accepted(self, agreement, reason):
        rec = RecommendationFactory()
        rec.agreement = agreement
        rec.rationale = "The recommendation is partly agreed for operational reasons."
        rec.reasons = [reason]
        rec.full_clean()
        rec.save()
        rec.refresh_from_db()
        assert rec.reasons == [reason]

    def test_reference_is_unique_within_a_plan(self):
        first = RecommendationFactory(reference="S40")
        clash = RecommendationFactory.build(group=first.group, reference="s40")
        assert errors_of(clash)["reference"] == ["Recommendation s40 is already in this plan"]

    def test_references_may_be_paragraph_numbers(self):
        """Given one plan, when recommendations numbered "1", "S40" and "1.46" are added,
        then each is saved as written, in the order added, and a second "1.46" anywhere
        in that plan is refused."""
        group = GroupFactory()
        for reference in ["1", "S40", "1.46"]:
            rec = RecommendationFactory.build(group=group, reference=reference)
            rec.full_clean()
            rec.save()

        saved = Recommendation.objects.filter(group__plan=group.plan)
        assert [r.reference for r in saved] == ["1", "S40", "1.46"]
        another_group = GroupFactory(plan=group.plan)
        duplicate = RecommendationFactory.build(group=another_group, reference="1.46")
        assert errors_of(duplicate)["reference"] == ["Recommendation 1.46 is already in this plan"]


class TestDatabaseConstraints:
    """The rules hold even for a write that skips model validation."""

    def test_partly_agreed_without_rationale_is_refused_by_the_database(self):
        rec = RecommendationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Recommendation.objects.filter(pk=rec.pk).update(
                agreement=Agreement.PARTLY_AGREED, reason_operational=True
            )

    def test_not_agreed_without_reason_is_refused_by_the_database(self):
        rec = RecommendationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Recommendation.objects.filter(pk=rec.pk).update(
                agreement=Agreement.NOT_AGREED, rationale="Not affordable."
            )

    def test_unknown_agreement_is_refused_by_the_database(self):
        rec = RecommendationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Recommendation.objects.filter(pk=rec.pk).update(agreement="maybe")

    def test_owner_names_are_unique_ignoring_case(self):
        Owner.objects.create(name="Deputy Director Joint Extremism Unit (JEXU)")
        with pytest.raises(IntegrityError), transaction.atomic():
            Owner.objects.create(name="deputy director joint extremism unit (jexu)")

    def test_revised_target_without_reason_is_refused_by_the_database(self):
        action = ActionFactory()
        rnd = RoundFactory(plan=action.recommendation.group.plan)
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgressUpdate.objects.create(
                recommendation=action.recommendation,
                round=rnd,
                text="Delayed.",
                status=Status.DELAYED,
                target_text="January 2025",
                revises_action=action,
            )


class TestActionTargets:
    def test_target_phrase_is_kept_and_made_comparable(self):
        action = ActionFactory.build(
            recommendation=RecommendationFactory(),
            target_text="by the end of 2023-24",
            target_month=None,
        )
        action.full_clean()
        assert action.target_text == "by the end of 2023-24"
        assert action.target_month.isoformat() == "2024-03-01"

    def test_completed_needs_no_month(self):
        action = ActionFactory.build(
            recommendation=RecommendationFactory(),
            target_text="Completed",
            target_month=None,
            status=Status.COMPLETED,
        )
        action.full_clean()
        assert action.target_month is None

    def test_open_action_needs_a_month_it_can_compare(self):
        action = ActionFactory.build(
            recommendation=RecommendationFactory(), target_text="soon", target_month=None
        )
        assert errors_of(action)["target_text"] == [
            "Enter a target date that includes a month and year, such as March 2024 or "
            "end of 2023-24"
        ]
