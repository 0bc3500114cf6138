"""Plans as a whole: creating one, its headings, ordering, and submitting it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import ResponsibleBody
from recommendations.selectors.versions import plan_versions
from recommendations.snapshots import plan_snapshot
from tests.factories import ActionFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


class TestPlanCreate:
    def test_creates_report_plan_bodies_and_published_milestone(self):
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


class TestSubmission:
    def test_a_submission_freezes_what_reviewers_see(self, django_user_model):
        from accounts.models import Membership

        editor = django_user_model.objects.create_user("editor")
        reviewer = django_user_model.objects.create_user("reviewer")
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
        services.action_update(action=action, data={"text": "After submission."})

        versions = plan_versions(user=reviewer, plan=plan)
        assert versions.as_of == submission.submitted_at
        assert versions.latest == submission
        seen = plan_snapshot(plan=plan, as_of=versions.as_of)
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
