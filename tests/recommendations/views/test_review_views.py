"""Reviewers' pages: timeline, comparison, slippage, assessments, comments; archiving."""

import csv
import io

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import (
    Action,
    Assessment,
    Comment,
    Owner,
    ProgressUpdate,
    Recommendation,
)

pytestmark = pytest.mark.django_db


def rec(plan, reference="6"):
    return Recommendation.objects.get(group__plan=plan, reference=reference)


class TestTimeline:
    def test_a_browser_change_appears_with_its_user_and_reason(self, seed_plan, client_for):
        editor = client_for("editor")
        action = rec(seed_plan).actions.get()
        editor.post(
            reverse(
                "recommendations:action-edit",
                args=[seed_plan.slug, action.recommendation_id, action.pk],
            ),
            {
                "text": action.text + " Consultation closes in May.",
                "owner_1": "Deputy Director Joint Extremism Unit (JEXU)",
                "owner_2": "Head of Policy",
                "target_text": "June 2024",
                "status": "in_progress",
                "change_reason": "Clarified the timetable",
            },
        )
        html = editor.get(
            reverse(
                "recommendations:recommendation-history",
                args=[seed_plan.slug, action.recommendation_id],
            )
        ).content
        html = html.decode()
        assert 'class="moj-timeline"' in html
        assert "Recommendation 6, action 1 changed" in html
        assert "by editor" in html and "Clarified the timetable" in html
        assert (
            '<ins><span class="govuk-visually-hidden">added: </span>'
            "Consultation closes in May.</ins>"
        ) in html.replace(" Consultation", "Consultation")
        assert "Head of Policy" in html  # the owner added shows in the owners change

    def test_owners_removed_show_in_history(self, seed_plan, client_for):
        action = rec(seed_plan, "3").actions.get()
        services.action_update(
            action=action,
            data={},
            owner_names=[Owner.objects.get(name="SRO MAPPS Programme").name],
            change_reason="One owner now",
        )
        html = (
            client_for("admin")
            .get(reverse("recommendations:plan-history", args=[seed_plan.slug]))
            .content.decode()
        )
        assert "Owners" in html
        assert (
            "<del>SRO MAPPS Programme, T/Det Supt CT Nominal Management, "
            "Deputy Director Joint Extremism Unit (JEXU)</del>"
        ) in html

    def test_reviewers_see_history_only_up_to_the_submission(self, seed_plan, client_for):
        services.recommendation_update(
            recommendation=rec(seed_plan),
            data={"text": "Draft wording"},
            change_reason="Secret draft",
        )
        html = (
            client_for("reviewer")
            .get(reverse("recommendations:plan-history", args=[seed_plan.slug]))
            .content.decode()
        )
        assert "Secret draft" not in html
        assert "12 Month Update Action Plan Submitted" in html


class TestCompare:
    def test_default_is_the_latest_submission_against_the_one_before(self, seed_plan, client_for):
        html = (
            client_for("reviewer")
            .get(reverse("recommendations:plan-compare", args=[seed_plan.slug]))
            .content.decode()
        )
        assert (
            "Updated Action Plan Submitted, 11 October 2023 compared with "
            "12 Month Update Action Plan Submitted, 9 August 2024"
        ) in html
        assert 'id="moved-targets"' in html and "internal resourcing pressures" in html

    def test_any_two_dates(self, seed_plan, client_for):
        html = (
            client_for("reviewer")
            .get(
                reverse("recommendations:plan-compare", args=[seed_plan.slug]),
                {
                    "old_date_day": "1",
                    "old_date_month": "9",
                    "old_date_year": "2023",
                    "new_date_day": "1",
                    "new_date_month": "9",
                    "new_date_year": "2024",
                },
            )
            .content.decode()
        )
        # A reviewer's dates are the submissions made by then, and the page says which.
        assert (
            "1 September 2023 (Action Plan Submitted, 28 July 2023) compared with "
            "1 September 2024 (12 Month Update Action Plan Submitted, 9 August 2024)"
        ) in html
        assert "6 target dates moved" in html

    def test_a_reviewer_cannot_compare_with_the_working_version(self, seed_plan, client_for):
        services.recommendation_update(recommendation=rec(seed_plan), data={"text": "Unsubmitted"})
        response = client_for("reviewer").get(
            reverse("recommendations:plan-compare", args=[seed_plan.slug]), {"new": "working"}
        )
        assert "Unsubmitted" not in response.content.decode()

    def test_a_malformed_date_is_an_error_beside_the_field(self, seed_plan, client_for):
        response = client_for("reviewer").get(
            reverse("recommendations:plan-compare", args=[seed_plan.slug]),
            {"old_date_day": "31", "old_date_month": "2", "old_date_year": "2024"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "The earlier date must be a real date" in html
        assert 'class="govuk-date-input"' in html


class TestSlippage:
    def test_lists_slipped_actions_with_baseline_and_reasons(self, seed_plan, client_for):
        html = (
            client_for("reviewer").get(reverse("recommendations:slippage-report")).content.decode()
        )
        assert "6 actions with a later target than first agreed" in html
        assert "internal resourcing pressures" in html

    def test_filters_and_csv(self, seed_plan, client_for):
        client = client_for("reviewer")
        response = client.get(
            reverse("recommendations:slippage-report"),
            {"owner": "Deputy Director Probation Workforce Programme", "format": "csv"},
        )
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:4] == ["Report", "Plan", "Addressee", "Recommendation"]
        assert [r[3] for r in rows[1:]] == ["14", "14", "14"]
        assert all(r[5] == "Deputy Director Probation Workforce Programme" for r in rows[1:])
        everyone = list(
            csv.reader(
                io.StringIO(
                    client.get(
                        reverse("recommendations:slippage-report"), {"format": "csv"}
                    ).content.decode()
                )
            )
        )
        six = next(r for r in everyone if r[3] == "6")
        assert six[6:10] == ["June 2024", "January 2025", "7", "1"]


class TestAssessmentsAndComments:
    def url(self, plan, name):
        return reverse(f"recommendations:{name}", args=[plan.slug, rec(plan).pk])

    def test_a_reviewer_records_an_assessment_the_editor_sees(self, seed_plan, client_for):
        response = client_for("reviewer").post(
            self.url(seed_plan, "assessment-record"),
            {"rating": "insufficient_progress", "comment": "Slipped twice."},
        )
        assert response.status_code == 302
        assessment = Assessment.objects.get()
        assert assessment.submission.label == "12 Month Update Action Plan Submitted"
        assert assessment.history.latest().history_user.username == "reviewer"
        html = client_for("editor").get(self.url(seed_plan, "recommendation-detail")).content
        assert b"Insufficient progress" in html and b"Slipped twice." in html
        assert rec(seed_plan).actions.get().status == "in_progress"  # department's own status

    def test_a_missing_rating_shows_the_error_pattern(self, seed_plan, client_for):
        response = client_for("reviewer").post(self.url(seed_plan, "assessment-record"), {})
        assert response.status_code == 200
        assert b"Select how much progress has been made" in response.content
        assert b"govuk-error-summary" in response.content

    @pytest.mark.parametrize("role", ["editor", "other_editor"])
    def test_editors_cannot_assess(self, seed_plan, client_for, role):
        response = client_for(role).post(
            self.url(seed_plan, "assessment-record"), {"rating": "good_progress"}
        )
        assert response.status_code == 403
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [("reviewer", True), ("editor", True), ("admin", True), ("other_editor", False)],
    )
    def test_comment_thread(self, seed_plan, client_for, role, allowed):
        response = client_for(role).post(
            self.url(seed_plan, "comment-add"), {"text": "Is the January date firm?"}
        )
        assert response.status_code == (302 if allowed else 403)
        assert Comment.objects.filter(text="Is the January date firm?").exists() is allowed

    def test_reviewers_write_nothing_else(self, seed_plan, client_for):
        client = client_for("reviewer")
        for name in ["recommendation-edit", "progress-add", "action-add"]:
            kwargs = {"slug": seed_plan.slug}
            kwargs["pk" if name == "recommendation-edit" else "rec"] = rec(seed_plan).pk
            assert (
                client.post(
                    reverse(f"recommendations:{name}", kwargs=kwargs), {"text": "x"}
                ).status_code
                == 403
            )


class TestArchive:
    def test_archive_and_restore_round_trip(self, seed_plan, client_for):
        update = ProgressUpdate.objects.filter(recommendation=rec(seed_plan)).get()
        before = {
            f: getattr(update, f) for f in ["text", "status", "target_text", "revision_reason"]
        }
        editor = client_for("editor")
        url = reverse("recommendations:archive", args=[seed_plan.slug, "progress", update.pk])
        assert b"Archive a progress update on recommendation 6?" in editor.get(url).content
        assert editor.post(url, {"change_reason": "Entered twice"}).status_code == 302
        page = editor.get(reverse("recommendations:plan-detail", args=[seed_plan.slug]))
        assert before["text"][:60].encode() not in page.content

        admin = client_for("admin")
        assert (
            b"A progress update on recommendation 6"
            in admin.get(reverse("recommendations:archived-list")).content
        )
        admin.post(reverse("recommendations:restore", args=["progress", update.pk]))
        update.refresh_from_db()
        assert update.archived_at is None
        assert {f: getattr(update, f) for f in before} == before
        kinds = [h.history_change_reason for h in update.history.order_by("history_date")]
        assert kinds[-2:] == ["Entered twice", "Restored"]

    def test_only_administrators_restore(self, seed_plan, client_for):
        action = rec(seed_plan).actions.get()
        services.archive(instance=action)
        for role in ["editor", "reviewer"]:
            response = client_for(role).post(
                reverse("recommendations:restore", args=["action", action.pk])
            )
            assert response.status_code == 403
        assert Action.objects.get(pk=action.pk).archived_at is not None

    def test_unknown_kinds_are_not_found(self, seed_plan, client_for):
        response = client_for("editor").get(f"/plans/{seed_plan.slug}/owners/1/archive/")
        assert response.status_code == 404


class TestHistoryCannotBeRewritten:
    def test_the_admin_has_no_pages_for_historical_records(self, seed_plan, client_for):
        admin = client_for("admin")
        for model in ["historicalrecommendation", "historicalaction", "historicalprogressupdate"]:
            assert admin.get(f"/admin/recommendations/{model}/").status_code == 404

    def test_the_admin_history_cannot_revert(self, seed_plan, client_for):
        recommendation = rec(seed_plan)
        record = recommendation.history.earliest()
        admin = client_for("admin")
        url = (
            f"/admin/recommendations/recommendation/{recommendation.pk}/history/"
            f"{record.history_id}/"
        )
        response = admin.post(url, {"text": "Rewritten", "reference": "6"})
        assert response.status_code in {403, 405}
        recommendation.refresh_from_db()
        assert recommendation.text != "Rewritten"
        assert recommendation.history.count() == 1

    def test_the_admin_cannot_delete_what_must_be_archived(self, seed_plan, client_for):
        recommendation = rec(seed_plan)
        response = client_for("admin").post(
            f"/admin/recommendations/recommendation/{recommendation.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
        assert Recommendation.objects.filter(pk=recommendation.pk).exists()


@pytest.mark.parametrize(
    ("role", "message"),
    [
        # The editor reads the history, which does not reach back that far
        ("editor", "The plan did not exist yet on 1 January 2023: choose a later date"),
        # a reviewer reads submissions, and none had been made by then
        ("reviewer", "The plan had not been submitted by 1 January 2023: choose a later date"),
    ],
)
def test_a_date_before_the_plan_existed_is_an_error_beside_the_field(
    seed_plan, client_for, role, message
):
    response = client_for(role).get(
        reverse("recommendations:plan-compare", args=[seed_plan.slug]),
        {"old_date_day": "1", "old_date_month": "1", "old_date_year": "2023"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="govuk-error-summary"' in html
