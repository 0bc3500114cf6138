import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import Action, Owner, ProgressUpdate
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


class TestPlanCreate:
    def test_creates_report_plan_bodies_and_published_milestone(self, django_user_model):
        from recommendations.models import ResponsibleBody

        body = ResponsibleBody.objects.create(name="HM Prison & Probation Service")
        plan = services.plan_create(
            report_title="Report on HMP Example",
            report_published_on=datetime.date(2025, 3, 4),
            slug="hmp-example-2025",
            title="",
            bodies=[body],
        )
        assert plan.title == "Report on HMP Example"
        assert list(plan.bodies.all()) == [body]
        assert [(m.label, m.date) for m in plan.milestones.all()] == [
            ("Report Published", datetime.date(2025, 3, 4))
        ]

    def test_refuses_a_taken_slug_and_no_bodies(self):
        from recommendations.models import ResponsibleBody

        body = ResponsibleBody.objects.create(name="HMPPS")
        services.plan_create(
            report_title="A", report_published_on=None, slug="a", title="", bodies=[body]
        )
        with pytest.raises(ValidationError) as caught:
            services.plan_create(
                report_title="B", report_published_on=None, slug="a", title="", bodies=[body]
            )
        assert caught.value.message_dict["slug"] == ["A plan with this web address already exists"]
        with pytest.raises(ValidationError) as caught:
            services.plan_create(
                report_title="B", report_published_on=None, slug="b", title="", bodies=[]
            )
        assert caught.value.message_dict["bodies"] == ["Select at least one responding body"]


class TestOrdering:
    def test_groups_are_added_last_and_move_both_ways(self):
        plan = RecommendationFactory().group.plan
        first = plan.groups.get()
        second = services.group_add(plan=plan, heading="  The Prison Service   should: ")
        assert second.heading == "The Prison Service should:"
        assert list(plan.groups.order_by("position")) == [first, second]

        services.move(instance=second, siblings=plan.groups.all(), direction="up")
        assert list(plan.groups.order_by("position")) == [second, first]
        services.move(instance=second, siblings=plan.groups.all(), direction="up")  # at top
        assert list(plan.groups.order_by("position")) == [second, first]

    def test_an_empty_heading_is_refused(self):
        plan = RecommendationFactory().group.plan
        with pytest.raises(ValidationError) as caught:
            services.group_add(plan=plan, heading="   ")
        assert "Enter the addressee heading" in caught.value.message_dict["heading"][0]


class TestRecommendationEditing:
    def test_add_and_update_with_the_categorisation_rules(self):
        group = RecommendationFactory().group
        rec = services.recommendation_add(
            group=group, reference="S40", text="Improve.", agreement="agreed", reasons=[]
        )
        with pytest.raises(ValidationError) as caught:
            services.recommendation_update(
                recommendation=rec, agreement="not_agreed", rationale="", reasons=[]
            )
        assert set(caught.value.message_dict) == {"rationale", "reasons"}
        rec.refresh_from_db()
        assert rec.agreement == "agreed"

        services.recommendation_update(
            recommendation=rec,
            agreement="not_agreed",
            rationale="Not affordable this year.",
            reasons=["affordability"],
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
            recommendation=rec, agreement="agreed", rationale="", reasons=["policy"]
        )
        rec.refresh_from_db()
        assert rec.reasons == []


class TestActionUpdate:
    def test_changing_the_words_re_derives_the_month_and_keeps_owner_order(self):
        action = ActionFactory()
        owners = [OwnerFactory(name="B role"), OwnerFactory(name="A role")]
        services.action_update(action=action, owners=owners, target_text="end of 2025-26")
        action.refresh_from_db()
        assert action.target_month == datetime.date(2026, 3, 1)
        rows = action.owners.through.objects.filter(action=action).order_by("id")
        assert [r.owner.name for r in rows] == ["B role", "A role"]

    def test_an_action_needs_an_owner(self):
        with pytest.raises(ValidationError):
            services.action_update(action=ActionFactory(), owners=[], target_text="May 2025")

    def test_an_edit_keeps_what_others_changed_in_fields_it_does_not_touch(self):
        action = ActionFactory(position=0)
        read_earlier = Action.objects.get(pk=action.pk)
        Action.objects.filter(pk=action.pk).update(position=4)  # moved meanwhile

        saved = services.action_update(
            action=read_earlier, owners=[OwnerFactory()], text="New words."
        )

        action.refresh_from_db()
        assert (action.text, action.position) == ("New words.", 4)
        assert saved.position == 4


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


class TestSubmission:
    def test_a_submission_freezes_what_reviewers_see(self, django_user_model):
        from recommendations.permissions import visible_as_of
        from recommendations.snapshots import plan_snapshot

        editor = django_user_model.objects.create_user("editor")
        reviewer = django_user_model.objects.create_user("reviewer")
        from recommendations.models import Membership

        Membership.objects.create(user=reviewer, role="reviewer")
        action = ActionFactory(text="Before submission.")
        plan = action.recommendation.group.plan

        submission = services.plan_submit(
            plan=plan,
            kind="plan_submitted",
            label="Action Plan Submitted",
            date=datetime.date(2025, 1, 10),
            user=editor,
        )
        services.action_update(
            action=action, owners=list(action.owners.all()), text="After submission."
        )

        as_of = visible_as_of(reviewer, plan)
        assert as_of == submission.submitted_at
        seen = plan_snapshot(plan=plan, as_of=as_of)
        assert [a.text for a in seen.actions] == ["Before submission."]
        assert [a.text for a in plan_snapshot(plan=plan).actions] == ["After submission."]

    def test_only_submission_kinds_can_be_submitted(self):
        plan = RecommendationFactory().group.plan
        with pytest.raises(ValidationError) as caught:
            services.plan_submit(
                plan=plan,
                kind="report_published",
                label="Report Published",
                date=datetime.date(2025, 1, 1),
            )
        assert "kind" in caught.value.message_dict
