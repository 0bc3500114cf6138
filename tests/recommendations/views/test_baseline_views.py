"""The pages for targets after submission, changing progress entries, and owners added
one box at a time without JavaScript."""

import re

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import Action, Milestone, ProgressUpdate, Recommendation

pytestmark = pytest.mark.django_db


def rec(plan, reference="4") -> Recommendation:
    return Recommendation.objects.get(group__plan=plan, reference=reference)


def first_action(plan, reference="4") -> Action:
    return rec(plan, reference).actions.order_by("position").first()


def url(name, action, **more):
    r = action.recommendation
    return reverse(
        f"recommendations:{name}", args=[r.group.plan.slug, r.pk, more.get("pk", action.pk)]
    )


def error_beside(response, field: str, message: str) -> None:
    """The message in the error summary and in the field's own error element."""
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    link = re.search(rf'<a href="#id_{field}">(.*?)</a>', html, re.S)
    assert link and message in link.group(1), f"no {field} error in the summary"
    beside = re.search(rf'id="id_{field}-error"[^>]*>(.*?)</p>', html, re.S)
    assert beside and message in beside.group(1), f"no error beside {field}"


def recorded(instance):
    latest = instance.history.order_by("-history_date", "-history_id").first()
    return latest.history_user.get_username(), latest.history_change_reason


class TestActionFormAfterSubmission:
    def test_shows_the_baseline_read_only_and_offers_a_revision(self, seed_plan, client_for):
        action = first_action(seed_plan)
        html = client_for("editor").get(url("action-edit", action)).content.decode()
        assert 'name="target_text"' not in html
        baseline = html.split('id="baseline"', 1)[1].split("</dl>", 1)[0]
        assert "August 2023" in baseline and "Revise the target date" in baseline
        assert "Correct the baseline" not in baseline  # administrators only

    def test_a_posted_target_is_ignored_and_the_baseline_kept(self, seed_plan, client_for):
        action = first_action(seed_plan)
        response = client_for("editor").post(
            url("action-edit", action),
            {
                "text": "Reworded.",
                "owner_1": "SRO MAPPS Programme",
                "target_text": "December 2027",
                "status": "in_progress",
                "change_reason": "Wording",
            },
        )
        assert response.status_code == 302
        action.refresh_from_db()
        assert (action.text, action.target_text) == ("Reworded.", "August 2023")

    def test_before_submission_the_target_edits_freely(self, seed_plan, client_for):
        Milestone.objects.filter(plan=seed_plan).update(submitted_at=None)
        action = first_action(seed_plan)
        editor = client_for("editor")
        assert 'name="target_text"' in editor.get(url("action-edit", action)).content.decode()
        response = editor.post(
            url("action-edit", action),
            {
                "text": action.text,
                "owner_1": "SRO MAPPS Programme",
                "target_text": "December 2027",
                "status": "in_progress",
            },
        )
        assert response.status_code == 302
        action.refresh_from_db()
        assert action.target_text == "December 2027"


class TestRevisePage:
    def test_records_a_revision_with_its_reason_user_and_round(self, seed_plan, client_for):
        action = first_action(seed_plan)
        editor = client_for("editor")
        form = editor.get(url("action-target-revise", action)).content.decode()
        latest_round = seed_plan.rounds.order_by("month").last().label
        assert f'value="{latest_round}"' in form  # the latest round by default
        response = editor.post(
            url("action-target-revise", action),
            {
                "target_text": "December 2027",
                "revision_reason": "The contract was re-let.",
                "round": "March 2026",
                "change_reason": "",
            },
        )
        assert response.status_code == 302
        entry = ProgressUpdate.objects.get(revises_action=action, target_text="December 2027")
        assert (entry.round.label, entry.text) == ("March 2026", "The contract was re-let.")
        assert recorded(entry) == ("editor", "Target date revised: The contract was re-let.")
        action.refresh_from_db()
        assert action.target_text == "August 2023"
        page = editor.get(response.url).content.decode()
        assert "December 2027" in page and "The contract was re-let." in page

    def test_refuses_a_missing_reason_or_month_beside_the_fields(self, seed_plan, client_for):
        action = first_action(seed_plan)
        response = client_for("editor").post(
            url("action-target-revise", action),
            {"target_text": "when possible", "revision_reason": "", "round": "July 2024"},
        )
        error_beside(response, "revision_reason", "Enter the reason the target date has changed")
        response = client_for("editor").post(
            url("action-target-revise", action),
            {"target_text": "when possible", "revision_reason": "Why.", "round": "July 2024"},
        )
        error_beside(response, "target_text", "including a month and year")
        assert not ProgressUpdate.objects.filter(revises_action=action, text="Why.").exists()


class TestBaselineCorrectionPage:
    def test_an_administrator_corrects_it_with_a_reason(self, seed_plan, client_for):
        action = first_action(seed_plan)
        admin = client_for("admin")
        edit = admin.get(url("action-edit", action)).content.decode()
        assert "Correct the baseline" in edit
        form = admin.get(url("action-baseline-correct", action)).content.decode()
        version = form.split('name="version" value="')[1].split('"')[0]
        response = admin.post(
            url("action-baseline-correct", action),
            {
                "target_text": "August 2024",
                "baseline_correction_reason": "Typed 2023 for 2024.",
                "version": version,
            },
        )
        assert response.status_code == 302
        action.refresh_from_db()
        assert action.target_text == "August 2024" and action.baseline_corrected_at
        assert recorded(action) == ("admin", "Baseline corrected: Typed 2023 for 2024.")
        page = admin.get(response.url).content.decode()
        card = page.split(f'id="action-{action.pk}"', 1)[1].split("</dl>", 1)[0]
        assert "Corrected baseline" in card

    def test_needs_a_reason(self, seed_plan, client_for):
        action = first_action(seed_plan)
        response = client_for("admin").post(
            url("action-baseline-correct", action), {"target_text": "August 2024"}
        )
        error_beside(
            response, "baseline_correction_reason", "Enter why the baseline target date was wrong"
        )

    @pytest.mark.parametrize("role", ["editor", "reviewer"])
    def test_is_refused_to_others(self, seed_plan, client_for, role):
        action = first_action(seed_plan)
        client = client_for(role)
        assert client.get(url("action-baseline-correct", action)).status_code == 403
        response = client.post(
            url("action-baseline-correct", action),
            {"target_text": "May 2024", "baseline_correction_reason": "x"},
        )
        assert response.status_code == 403
        action.refresh_from_db()
        assert action.baseline_corrected_at is None


def an_entry(plan) -> ProgressUpdate:
    return ProgressUpdate.objects.filter(recommendation=rec(plan, "6")).order_by("id").first()


class TestProgressEdit:
    def entry_url(self, entry):
        r = entry.recommendation
        return reverse("recommendations:progress-edit", args=[r.group.plan.slug, r.pk, entry.pk])

    def body(self, form_html, **changes):
        version = form_html.split('name="version" value="')[1].split('"')[0]
        body = {
            "text": "Rewritten progress.",
            "owner_1": "Head of Policy",
            "status": "delayed",
            "target_text": "",
            "revises_action": "",
            "revision_reason": "",
            "version": version,
            "change_reason": "Corrected the entry",
        }
        body.update(changes)
        return body

    def test_the_recommendation_page_links_each_entry_to_its_change_page(
        self, seed_plan, client_for
    ):
        entry = an_entry(seed_plan)
        page = (
            client_for("editor")
            .get(
                reverse(
                    "recommendations:recommendation-detail",
                    args=[seed_plan.slug, rec(seed_plan, "6").pk],
                )
            )
            .content.decode()
        )
        assert f'href="{self.entry_url(entry)}"' in page

    def test_changes_an_entry_with_history(self, seed_plan, client_for):
        entry = an_entry(seed_plan)
        editor = client_for("editor")
        form = editor.get(self.entry_url(entry)).content.decode()
        assert entry.round.label in form and 'name="round"' not in form
        response = editor.post(self.entry_url(entry), self.body(form))
        assert response.status_code == 302
        entry.refresh_from_db()
        assert (entry.text, entry.status) == ("Rewritten progress.", "delayed")
        assert recorded(entry) == ("editor", "Corrected the entry")

    def test_a_stale_version_is_refused_and_keeps_what_was_typed(
        self, seed_plan, client_for, django_user_model
    ):
        entry = an_entry(seed_plan)
        editor = client_for("editor")
        form = editor.get(self.entry_url(entry)).content.decode()
        colleague = django_user_model.objects.create_user("colleague")
        services.progress_update_update(
            update=entry, data={"text": "Their words."}, user=colleague, change_reason="Theirs"
        )
        response = editor.post(self.entry_url(entry), self.body(form))
        html = response.content.decode()
        assert response.status_code == 200 and "govuk-error-summary" in html
        assert "colleague saved a change to this at" in html
        assert 'id="their-version"' in html and "Their words." in html
        assert "Rewritten progress." in html  # kept in the form
        entry.refresh_from_db()
        assert entry.text == "Their words."

    def test_a_revision_without_its_reason_is_refused_beside_the_field(self, seed_plan, client_for):
        entry = an_entry(seed_plan)
        action = rec(seed_plan, "6").actions.get()
        editor = client_for("editor")
        form = editor.get(self.entry_url(entry)).content.decode()
        response = editor.post(
            self.entry_url(entry),
            self.body(form, target_text="May 2026", revises_action=str(action.pk)),
        )
        error_beside(response, "revision_reason", "Enter the reason the target date has changed")


class TestOwnersWithoutJavaScript:
    OWNERS = ["Zed Unit Head", "SRO MAPPS Programme", "Alpha Lead", "T/Det Supt Four"]

    def test_four_owners_are_added_one_box_at_a_time_and_saved_in_order(
        self, seed_plan, client_for
    ):
        r = rec(seed_plan, "6")
        add = reverse("recommendations:action-add", args=[seed_plan.slug, r.pk])
        editor = client_for("editor")
        form = editor.get(add).content.decode()
        assert 'name="owner_1"' in form and 'name="owner_2"' not in form
        body = {"text": "A new action", "target_text": "March 2026", "status": "in_progress"}
        for count in range(1, 4):
            body.update({f"owner_{i + 1}": self.OWNERS[i] for i in range(count)})
            response = editor.post(add, {**body, "add_owner": "1"})
            html = response.content.decode()
            assert response.status_code == 200 and "govuk-error-summary" not in html
            assert f'name="owner_{count + 1}"' in html and f'name="owner_{count + 2}"' not in html
            assert (
                f'value="{self.OWNERS[count - 1]}"' in html and 'value="A new action"' not in html
            )
            assert "A new action" in html  # the textarea keeps what was typed
        assert r.actions.filter(text="A new action").count() == 0  # nothing saved yet
        body["owner_4"] = self.OWNERS[3]
        assert editor.post(add, body).status_code == 302
        action = r.actions.get(text="A new action")
        rows = action.owners.through.objects.filter(action=action).order_by("id")
        assert [row.owner.name for row in rows] == self.OWNERS

    def test_the_edit_form_shows_every_owner_and_one_empty_box(self, seed_plan, client_for):
        action = first_action(seed_plan, "3")
        services.action_update(action=action, data={}, owner_names=self.OWNERS)
        html = client_for("editor").get(url("action-edit", action)).content.decode()
        for i, name in enumerate(self.OWNERS, start=1):
            assert f'name="owner_{i}"' in html and f'value="{name}"' in html
        assert 'name="owner_5"' in html and 'name="owner_6"' not in html

    def test_no_owner_at_all_is_refused_beside_the_first_box(self, seed_plan, client_for):
        action = first_action(seed_plan)
        response = client_for("editor").post(
            url("action-edit", action),
            {"text": "x", "owner_1": " ", "owner_2": "", "status": "in_progress"},
        )
        error_beside(response, "owner_1", "Enter the responsible owner")
