"""The front matter's writes: each change kept with its user and reason, refused when
stale or blank; the standard categorisation table; headings archived with what is under
them; milestones ordered, submissions left alone."""

import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import CategorisationTerm, Milestone, ResponsibleBody
from recommendations.selectors.plans import categorisation_definitions
from recommendations.services.front_matter import STANDARD_CATEGORISATION
from recommendations.snapshots import plan_snapshot
from tests.factories import PlanFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml"


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("writer")


def latest(instance):
    return instance.history.order_by("-history_date", "-history_id").first()


def assert_recorded(instance, user, reason):
    record = latest(instance)
    assert (record.history_user, record.history_change_reason) == (user, reason)


def new_plan(**kwargs):
    body = ResponsibleBody.objects.create(name="HM Prison & Probation Service")
    return services.plan_create(
        report_title="Report on HMP Example",
        report_published_on=datetime.date(2025, 3, 4),
        slug="hmp-example-2025",
        title="",
        bodies=[body],
        **kwargs,
    )


class TestStandardCategorisation:
    def test_is_the_seed_plans_table_verbatim(self):
        seed = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))["categorisation"]
        assert [dict(row) for row in STANDARD_CATEGORISATION] == seed

    def test_a_new_plan_starts_from_it_and_its_definitions_are_the_agreement_hints(self, user):
        plan = new_plan(user=user, change_reason="New plan")
        terms = list(plan.categorisation.order_by("position"))
        assert [(t.term, t.definition, t.comment) for t in terms] == [
            (row["term"], row["definition"], row["comment"]) for row in STANDARD_CATEGORISATION
        ]
        assert_recorded(terms[0], user, "New plan")
        hints = categorisation_definitions(plan=plan)
        assert hints["agreed"].startswith("All of the recommendation is agreed")
        assert len(plan_snapshot(plan=plan).categorisation) == 3

    def test_adding_it_again_adds_only_what_is_missing(self):
        plan = new_plan()
        plan.categorisation.get(term="not_agreed").delete()
        services.categorisation_standard_add(plan=plan)
        services.categorisation_standard_add(plan=plan)
        assert plan.categorisation.count() == 3


class TestCategorisationTerm:
    def test_changes_the_definition_and_comment_with_history(self, user):
        term = new_plan().categorisation.get(term="agreed")
        services.categorisation_term_update(
            term=term,
            data={"definition": "Agreed in full.", "comment": "Say how."},
            version=services.version_of(term),
            user=user,
            change_reason="Plainer words",
        )
        term.refresh_from_db()
        assert (term.definition, term.comment) == ("Agreed in full.", "Say how.")
        assert_recorded(term, user, "Plainer words")
        assert categorisation_definitions(plan=term.plan)["agreed"] == "Agreed in full."

    def test_refuses_a_blank_definition_and_a_stale_version(self):
        term = new_plan().categorisation.get(term="agreed")
        stale = services.version_of(term)
        with pytest.raises(ValidationError) as caught:
            services.categorisation_term_update(term=term, data={"definition": "  "})
        assert "definition" in caught.value.message_dict
        services.categorisation_term_update(term=term, data={"comment": "New"})
        with pytest.raises(services.StaleEdit):
            services.categorisation_term_update(term=term, data={"comment": "Mine"}, version=stale)
        assert CategorisationTerm.objects.get(pk=term.pk).comment == "New"


class TestReportAndPlan:
    def test_report_title_date_and_period_change_with_history(self, user):
        plan = new_plan()
        services.report_update(
            plan=plan,
            data={
                "title": "Report on HMP Example (revised)",
                "published_on": datetime.date(2025, 3, 5),
                "inspection_period": "23 April – 3 May 2024",
            },
            version=services.version_of(plan.report),
            user=user,
            change_reason="Typo in the title",
        )
        plan.report.refresh_from_db()
        assert plan.report.inspection_period == "23 April – 3 May 2024"
        assert_recorded(plan.report, user, "Typo in the title")
        assert plan_snapshot(plan=plan).report_title == "Report on HMP Example (revised)"

    def test_report_refuses_a_blank_title_and_a_stale_version(self):
        plan = new_plan()
        stale = services.version_of(plan.report)
        with pytest.raises(ValidationError) as caught:
            services.report_update(plan=plan, data={"title": ""})
        assert caught.value.message_dict["title"] == ["Enter the title of the inspection report"]
        services.report_update(plan=plan, data={"inspection_period": "May 2024"})
        with pytest.raises(services.StaleEdit):
            services.report_update(plan=plan, data={"title": "Mine"}, version=stale)

    def test_plan_title_caveat_and_introduction_change_with_history(self, user):
        plan = new_plan()
        assert plan.title == "Report on HMP Example"  # the new plan's default, as before
        services.plan_update(
            plan=plan,
            data={
                "title": "HMP Example",
                "caveat": "Draft.",
                "introduction": "First paragraph.\n\n- a bullet",
            },
            version=services.version_of(plan),
            user=user,
            change_reason="Front matter written",
        )
        plan.refresh_from_db()
        view = plan_snapshot(plan=plan)
        assert (view.title, view.caveat) == ("HMP Example", "Draft.")
        assert "- a bullet" in view.introduction
        assert_recorded(plan, user, "Front matter written")

    def test_plan_refuses_a_blank_title_and_a_stale_version(self):
        plan = new_plan()
        stale = services.version_of(plan)
        with pytest.raises(ValidationError):
            services.plan_update(plan=plan, data={"title": " "})
        services.plan_update(plan=plan, data={"caveat": "Theirs"})
        with pytest.raises(services.StaleEdit):
            services.plan_update(plan=plan, data={"caveat": "Mine"}, version=stale)

    def test_bodies_are_set_in_order_with_history_and_move_the_version_on(self, user):
        plan = new_plan()
        first = plan.bodies.get()
        second = ResponsibleBody.objects.create(name="Counter Terrorism Policing")
        stale = services.version_of(plan)
        services.plan_bodies_set(
            plan=plan, bodies=[second, first], version=stale, user=user, change_reason="Joint"
        )
        assert [b.name for b in plan_snapshot(plan=plan).bodies] == [
            "Counter Terrorism Policing",
            "HM Prison & Probation Service",
        ]
        assert_recorded(plan, user, "Joint")
        with pytest.raises(services.StaleEdit):
            services.plan_bodies_set(plan=plan, bodies=[first], version=stale)
        with pytest.raises(ValidationError):
            services.plan_bodies_set(plan=plan, bodies=[])


class TestMilestones:
    def test_added_last_changed_with_history_and_reordered(self, user):
        plan = new_plan()
        published = plan.milestones.get()
        added = services.milestone_add(
            plan=plan,
            label="  Inspection   fieldwork ",
            date=datetime.date(2024, 5, 3),
            user=user,
            change_reason="Fieldwork",
        )
        assert added.label == "Inspection fieldwork"
        assert_recorded(added, user, "Fieldwork")
        services.milestone_update(
            milestone=added,
            data={"label": "Fieldwork ended", "date": datetime.date(2024, 5, 4)},
            version=services.version_of(added),
            user=user,
            change_reason="Wording",
        )
        added.refresh_from_db()
        assert added.label == "Fieldwork ended"
        assert_recorded(added, user, "Wording")
        services.move(instance=added, siblings=plan.milestones.all(), direction="up")
        assert [m.label for m in plan_snapshot(plan=plan).milestones] == [
            "Fieldwork ended",
            published.label,
        ]

    def test_refuses_submissions_blank_labels_and_stale_versions(self, user):
        plan = new_plan()
        with pytest.raises(ValidationError):
            services.milestone_add(
                plan=plan, kind="plan_submitted", label="Submitted", date=datetime.date.today()
            )
        with pytest.raises(ValidationError):
            services.milestone_add(plan=plan, label=" ", date=datetime.date.today())
        submitted = services.plan_submit(
            plan=plan,
            kind="plan_submitted",
            label="Action Plan Submitted",
            date=datetime.date.today(),
        )
        with pytest.raises(ValidationError):
            services.milestone_update(milestone=submitted, data={"label": "Changed"})
        published = plan.milestones.get(kind="report_published")
        with pytest.raises(ValidationError):
            services.milestone_update(milestone=published, data={"kind": "plan_submitted"})
        stale = services.version_of(published)
        services.milestone_update(milestone=published, data={"label": "Report published"})
        with pytest.raises(services.StaleEdit):
            services.milestone_update(milestone=published, data={"label": "x"}, version=stale)
        assert Milestone.objects.get(pk=submitted.pk).label == "Action Plan Submitted"


class TestHeadings:
    def test_renamed_with_history_and_refused_blank_or_stale(self, user):
        group = RecommendationFactory().group
        stale = services.version_of(group)
        services.group_update(
            group=group, heading=" The  MoJ should: ", version=stale, user=user, change_reason="Rn"
        )
        group.refresh_from_db()
        assert group.heading == "The MoJ should:"
        assert_recorded(group, user, "Rn")
        with pytest.raises(ValidationError):
            services.group_update(group=group, heading="  ")
        with pytest.raises(services.StaleEdit):
            services.group_update(group=group, heading="Old", version=stale)

    def test_archiving_takes_its_recommendations_out_and_restoring_brings_them_back(self, user):
        rec = RecommendationFactory()
        kept = RecommendationFactory(group__plan=rec.group.plan, reference="K")
        plan = rec.group.plan

        def references(as_of=None):
            view = plan_snapshot(plan=plan, as_of=as_of)
            return [r.reference for g in view.groups for r in g.recommendations]

        assert set(references()) == {rec.reference, "K"}
        services.archive(instance=rec.group, user=user, change_reason="Wrong heading")
        assert references() == ["K"]
        assert_recorded(rec.group, user, "Wrong heading")
        archived_at = latest(rec.group).history_date
        services.restore(instance=rec.group, user=user)
        assert set(references()) == {rec.reference, "K"}
        # And as at the moment it was archived, from the history.
        assert references(as_of=archived_at) == ["K"]
        assert kept.group != rec.group


class TestBodies:
    def test_added_and_renamed_with_history(self, user):
        body = services.body_add(
            name=" Youth  Justice Board ", short_name="YJB", user=user, change_reason="New"
        )
        assert (body.name, body.logo_alt) == ("Youth Justice Board", "Youth Justice Board")
        assert_recorded(body, user, "New")
        services.body_update(
            body=body,
            data={"name": "Youth Justice Board for England and Wales", "short_name": "YJB"},
            version=services.version_of(body),
            user=user,
            change_reason="Full name",
        )
        body.refresh_from_db()
        assert body.name == "Youth Justice Board for England and Wales"
        assert_recorded(body, user, "Full name")

    def test_refuses_blank_taken_and_stale(self):
        body = services.body_add(name="HMPPS")
        other = services.body_add(name="CTP")
        with pytest.raises(ValidationError):
            services.body_add(name="  ")
        with pytest.raises(ValidationError) as caught:
            services.body_add(name="hmpps")
        assert "already exists" in caught.value.message_dict["name"][0]
        with pytest.raises(ValidationError):
            services.body_update(body=other, data={"name": "HMPPS"})
        stale = services.version_of(body)
        services.body_update(body=body, data={"short_name": "H"})
        with pytest.raises(services.StaleEdit):
            services.body_update(body=body, data={"short_name": "X"}, version=stale)


def test_a_plan_factory_plan_has_no_table_until_asked():
    plan = PlanFactory()
    assert not plan.categorisation.exists()
    services.categorisation_standard_add(plan=plan)
    assert plan.categorisation.count() == 3
