"""Editors' forms: a valid post saves through the service; a refused one shows the GOV.UK
error pattern and keeps what was typed."""

import pytest
from django.urls import reverse

from recommendations.models import (
    ActionPlan,
    AddresseeGroup,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
)
from tests.recommendations.views.form_support import assert_error_pattern

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client_for, seed_plan):
    return client_for("editor")


def rec6(plan):
    return Recommendation.objects.get(group__plan=plan, reference="6")


class TestProgressUpdate:
    def url(self, plan):
        return reverse("recommendations:progress-add", args=[plan.slug, rec6(plan).pk])

    def test_adds_a_round_an_entry_and_a_revised_date(self, editor, seed_plan, people):
        action = rec6(seed_plan).actions.get()
        response = editor.post(
            self.url(seed_plan),
            {
                "round": "July 2025",
                "text": "Consultation has concluded.",
                "owner_1": "Deputy Director Joint Extremism Unit (JEXU)",
                "status": "delayed",
                "target_text": "June 2025",
                "revises_action": str(action.pk),
                "revision_reason": "awaiting ministerial clearance",
                "change_reason": "July 2025 round",
            },
        )
        assert response.status_code == 302
        update = ProgressUpdate.objects.get(round__label="July 2025")
        assert update.revises_action == action
        assert update.history.latest().history_user == people["editor"]
        assert update.history.latest().history_change_reason == "July 2025 round"
        action.refresh_from_db()
        assert action.target_text == "June 2024"  # the original survives
        page = editor.get(response.url).content.decode()
        assert "Progress update added" in page

    def test_a_revised_date_without_a_reason_is_refused_and_nothing_is_saved(
        self, editor, seed_plan
    ):
        action = rec6(seed_plan).actions.get()
        before = (
            ProgressUpdate.objects.count(),
            ReportingRound.objects.count(),
            Owner.objects.count(),
        )
        response = editor.post(
            self.url(seed_plan),
            {
                "round": "July 2025",
                "text": "Typed text kept.",
                "owner_1": "A brand new role",
                "status": "delayed",
                "target_text": "June 2025",
                "revises_action": str(action.pk),
                "revision_reason": "",
            },
        )
        assert_error_pattern(response, "Enter the reason the target date has changed")
        assert "Typed text kept." in response.content.decode()
        assert (
            ProgressUpdate.objects.count(),
            ReportingRound.objects.count(),
            Owner.objects.count(),
        ) == before

    def test_an_empty_form_lists_each_missing_answer(self, editor, seed_plan):
        response = editor.post(self.url(seed_plan), {"round": ""})
        assert_error_pattern(
            response,
            "Enter the reporting round, such as July 2025",
            "Enter the progress made",
            "Enter the responsible owner",
            "Select the status",
        )
        assert 'href="#id_status_0"' in response.content.decode()

    def test_a_round_that_is_not_a_month_is_refused_beside_the_field(self, editor, seed_plan):
        response = editor.post(
            self.url(seed_plan),
            {"round": "Soon", "text": "x", "owner_1": "Someone", "status": "in_progress"},
        )
        assert_error_pattern(response, "Enter the reporting round as a month and year")

    def test_revising_an_action_of_another_recommendation_is_refused(self, editor, seed_plan):
        other = Recommendation.objects.get(group__plan=seed_plan, reference="7").actions.first()
        response = editor.post(
            self.url(seed_plan),
            {
                "round": "July 2024",
                "text": "x",
                "owner_1": "Someone",
                "status": "delayed",
                "target_text": "June 2025",
                "revises_action": str(other.pk),
                "revision_reason": "r",
            },
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


class TestRecommendationForms:
    def test_partly_agreed_needs_an_explanation_and_a_reason(self, editor, seed_plan):
        rec = rec6(seed_plan)
        url = reverse("recommendations:recommendation-edit", args=[seed_plan.slug, rec.pk])
        form = editor.get(url).content.decode()
        assert "All of the recommendation is agreed with" in form  # definitions as hints
        response = editor.post(
            url, {"reference": "6", "text": rec.text, "agreement": "partly_agreed", "rationale": ""}
        )
        assert_error_pattern(
            response,
            "Explain which part of the recommendation will be implemented and why not all of it",
            "Select at least one reason why the recommendation is Partly Agreed",
        )
        rec.refresh_from_db()
        assert rec.agreement == "agreed"

    def test_add_a_recommendation_under_a_heading(self, editor, seed_plan):
        group = AddresseeGroup.objects.get(plan=seed_plan, heading__startswith="The Prison")
        url = reverse("recommendations:recommendation-add", args=[seed_plan.slug, group.pk])
        response = editor.post(
            url,
            {
                "reference": "22",
                "text": "A new one.",
                "agreement": "not_agreed",
                "rationale": "Unaffordable.",
                "reasons": ["affordability"],
            },
        )
        assert response.status_code == 302
        assert Recommendation.objects.get(reference="22").group == group

    def test_a_duplicate_reference_is_refused(self, editor, seed_plan):
        group = AddresseeGroup.objects.filter(plan=seed_plan).first()
        url = reverse("recommendations:recommendation-add", args=[seed_plan.slug, group.pk])
        response = editor.post(url, {"reference": "6", "text": "Again.", "agreement": "agreed"})
        assert_error_pattern(response, "Recommendation 6 is already in this plan")


class TestActionForms:
    def test_add_an_action_with_a_new_and_an_existing_owner(self, editor, seed_plan):
        rec = rec6(seed_plan)
        url = reverse("recommendations:action-add", args=[seed_plan.slug, rec.pk])
        response = editor.post(
            url,
            {
                "text": "Publish the framework.",
                "owner_1": "Head of a New Unit",
                "owner_2": "deputy director joint extremism unit (jexu)",
                "target_text": "end of 2025-26",
                "status": "in_progress",
            },
        )
        assert response.status_code == 302
        action = rec.actions.order_by("position").last()
        names = [
            r.owner.name for r in action.owners.through.objects.filter(action=action).order_by("id")
        ]
        assert names == ["Head of a New Unit", "Deputy Director Joint Extremism Unit (JEXU)"]
        assert action.target_month.isoformat() == "2026-03-01"

    def test_a_target_without_a_month_is_refused(self, editor, seed_plan):
        rec = rec6(seed_plan)
        url = reverse("recommendations:action-add", args=[seed_plan.slug, rec.pk])
        response = editor.post(
            url,
            {
                "text": "x",
                "owner_1": "Someone",
                "target_text": "when possible",
                "status": "in_progress",
            },
        )
        assert_error_pattern(response, "Enter a target date that includes a month and year")


class TestPlanForms:
    def test_create_a_plan_for_the_editors_own_body(self, editor, seed_plan):
        form = editor.get(reverse("recommendations:plan-create")).content.decode()
        assert "Counter Terrorism Policing" not in form  # not the editor's body
        hmpps = seed_plan.bodies.get(short_name="HMPPS")
        response = editor.post(
            reverse("recommendations:plan-create"),
            {
                "report_title": "Report on an unannounced inspection of HMP Example",
                "report_published_on_day": "4",
                "report_published_on_month": "3",
                "report_published_on_year": "2025",
                "slug": "hmp-example-2025",
                "bodies": [str(hmpps.pk)],
            },
        )
        assert response.status_code == 302
        assert ActionPlan.objects.get(slug="hmp-example-2025").bodies.get() == hmpps

    def test_a_bad_date_and_slug_are_explained(self, editor, seed_plan):
        response = editor.post(
            reverse("recommendations:plan-create"),
            {
                "report_title": "R",
                "report_published_on_day": "31",
                "report_published_on_month": "2",
                "report_published_on_year": "2025",
                "slug": "Not a slug!",
            },
        )
        assert_error_pattern(
            response,
            "The date the report was published must be a real date",
            "Use only lower-case letters, numbers and hyphens",
            "Select at least one responding body",
        )

    def test_add_a_heading(self, editor, seed_plan):
        response = editor.post(
            reverse("recommendations:group-add", args=[seed_plan.slug]),
            {"heading": "The Youth Custody Service should:"},
        )
        assert response.status_code == 302
        assert seed_plan.groups.order_by("position").last().heading == (
            "The Youth Custody Service should:"
        )

    def test_submit_the_plan(self, editor, seed_plan):
        url = reverse("recommendations:plan-submit", args=[seed_plan.slug])
        assert "Updated Action Plan Submitted" in editor.get(url).content.decode()
        response = editor.post(
            url,
            {
                "kind": "progress_update_submitted",
                "label": "24 Month Update Action Plan Submitted",
                "date_day": "28",
                "date_month": "11",
                "date_year": "2026",
                "change_note": "July 2025 round",
            },
        )
        assert response.status_code == 302
        latest = (
            Milestone.objects.filter(plan=seed_plan, submitted_at__isnull=False)
            .order_by("-submitted_at")
            .first()
        )
        assert latest.label == "24 Month Update Action Plan Submitted"
        assert latest.submitted_by.username == "editor"

    def test_a_submission_without_a_date_is_refused(self, editor, seed_plan):
        url = reverse("recommendations:plan-submit", args=[seed_plan.slug])
        response = editor.post(url, {"kind": "plan_submitted", "label": "X", "date_day": ""})
        assert_error_pattern(response, "Enter the date the plan is submitted")

    def test_a_submission_date_missing_its_year_says_so(self, editor, seed_plan):
        url = reverse("recommendations:plan-submit", args=[seed_plan.slug])
        response = editor.post(
            url, {"kind": "plan_submitted", "label": "X", "date_day": "9", "date_month": "8"}
        )
        assert_error_pattern(response, "The date the plan is submitted must include a year")


def test_reordering_recommendations_moves_them_on_the_plan(editor, seed_plan):
    rec = Recommendation.objects.get(group__plan=seed_plan, reference="7")
    editor.post(
        reverse("recommendations:recommendation-move", args=[seed_plan.slug, rec.pk]),
        {"direction": "up"},
    )
    order = list(rec.group.recommendations.order_by("position").values_list("reference", flat=True))
    assert order.index("7") < order.index("6")


class TestNoLostUpdates:
    """Two editors load the same action; the second to save is told, and loses nothing."""

    def test_saving_over_a_newer_version_is_refused_with_who_and_their_version(
        self, seed_plan, client_for, people, django_user_model
    ):
        action = rec6(seed_plan).actions.get()
        url = reverse(
            "recommendations:action-edit",
            args=[seed_plan.slug, action.recommendation_id, action.pk],
        )
        editor = client_for("editor")
        loaded = editor.get(url).content.decode()
        version = loaded.split('name="version" value="')[1].split('"')[0]

        colleague = django_user_model.objects.create_user("colleague")
        from recommendations import services

        services.action_update(
            action=action,
            data={"text": "September 2024 is the new plan."},
            user=colleague,
            change_reason="Colleague's edit",
        )

        mine = {
            "text": "My careful rewrite.",
            "owner_1": "Head of Policy",
            "target_text": "June 2024",
            "status": "in_progress",
            "version": version,
        }
        response = editor.post(url, mine)
        html = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in html
        assert "colleague saved a change to this at" in html
        assert 'id="their-version"' in html and "September 2024" in html
        assert "My careful rewrite." in html and "Head of Policy" in html  # kept
        action.refresh_from_db()
        assert action.text == "September 2024 is the new plan."

        # Having seen their version, saving again is a deliberate overwrite.
        new_version = html.split('name="version" value="')[1].split('"')[0]
        assert new_version != version
        assert editor.post(url, {**mine, "version": new_version}).status_code == 302
        action.refresh_from_db()
        assert action.text == "My careful rewrite."

    def test_recommendation_edits_carry_a_version_too(self, seed_plan, client_for):
        recommendation = rec6(seed_plan)
        url = reverse(
            "recommendations:recommendation-edit", args=[seed_plan.slug, recommendation.pk]
        )
        stale = {
            "reference": "6",
            "text": "Stale",
            "agreement": "agreed",
            "version": "2000-01-01T00:00:00+00:00",
        }
        response = client_for("editor").post(url, stale)
        assert response.status_code == 200
        assert "saved a change to this at" in response.content.decode()
        recommendation.refresh_from_db()
        assert recommendation.text != "Stale"
