"""Journey: an editor runs a progress round as a task list and submits from it."""

import re

import pytest
from django.urls import reverse

from recommendations.models import Milestone, Recommendation, ReportingRound

pytestmark = pytest.mark.django_db

# In the seed, as published: the recommendations with an action still in progress or
# delayed (every other one is completed).
OPEN = ["3", "6", "11", "14", "16", "19"]


def task_list(html: str) -> list[tuple[str, str]]:
    """(reference, status) of each task, in order."""
    items = re.findall(
        r'govuk-task-list__link"[^>]*>Recommendation ([^<]+)</a>.*?'
        r'govuk-task-list__status"[^>]*>\s*(?:<strong[^>]*>)?([A-Za-z ]+)',
        html,
        re.S,
    )
    return [(ref, status.strip()) for ref, status in items]


def test_an_editor_runs_a_round_from_the_task_list(seed_plan, client_for):
    editor = client_for("editor")
    slug = seed_plan.slug

    # Given the editor starts the July 2025 round, due on 31 July 2025
    response = editor.post(
        reverse("recommendations:round-start", args=[slug]),
        {
            "label": "July 2025",
            "due_on_day": "31",
            "due_on_month": "7",
            "due_on_year": "2025",
            "change_reason": "The 24-month update",
        },
    )
    round_ = ReportingRound.objects.get(plan=seed_plan, label="July 2025")
    round_url = reverse("recommendations:round-detail", args=[slug, round_.pk])
    assert response.status_code == 302 and response["Location"] == round_url

    # Then its task list names every open recommendation, none started
    html = editor.get(round_url).content.decode()
    assert "Due to the inspectorate on 31 July 2025" in html
    assert task_list(html) == [(ref, "Not started") for ref in OPEN]

    # When they add an update for recommendation 6 from its task, the round is filled in
    rec6 = Recommendation.objects.get(group__plan=seed_plan, reference="6")
    progress_url = reverse("recommendations:progress-add", args=[slug, rec6.pk])
    assert f"{progress_url}?round=July%202025" in html
    form = editor.get(progress_url, {"round": "July 2025"}).content.decode()
    assert 'value="July 2025"' in form
    editor.post(
        progress_url,
        {
            "round": "July 2025",
            "text": "Resourcing is now in place.",
            "owner_1": "Deputy Director Joint Extremism Unit (JEXU)",
            "status": "in_progress",
        },
    )
    assert ("6", "In progress") in task_list(editor.get(round_url).content.decode())

    # And mark it done
    mark = reverse("recommendations:round-task-mark", args=[slug, round_.pk, rec6.pk])
    editor.post(mark, {"done": "yes"})
    tasks = dict(task_list(editor.get(round_url).content.decode()))
    assert tasks["6"] == "Completed"
    assert "You have marked 1 of 6 recommendations as done" in (
        editor.get(round_url).content.decode()
    )

    # Then submitting from the round lists what has no update and asks to confirm
    submit_url = reverse("recommendations:round-submit", args=[slug, round_.pk])
    page = editor.get(submit_url).content.decode()
    assert "5 recommendations have no update in July 2025" in page
    assert "No update in July 2025 for recommendations 3, 11, 14, 16 and 19" in page
    data = {
        "kind": "progress_update_submitted",
        "label": "24 Month Update Action Plan Submitted",
        "date_day": "1",
        "date_month": "8",
        "date_year": "2025",
        "change_note": "July 2025 round",
    }
    refused = editor.post(submit_url, data)
    assert refused.status_code == 200
    assert "Confirm you are submitting without an update" in refused.content.decode()
    assert not Milestone.objects.filter(label=data["label"]).exists()

    done = editor.post(submit_url, {**data, "confirm_missing": "on"})
    assert done.status_code == 302
    assert Milestone.objects.get(label=data["label"]).submitted_at is not None


def test_marking_done_without_an_update_is_explained_on_the_task_list(seed_plan, client_for):
    from recommendations import services

    editor = client_for("editor")
    round_ = services.round_start(plan=seed_plan, label="July 2025", due_on=None)
    rec3 = Recommendation.objects.get(group__plan=seed_plan, reference="3")
    url = reverse("recommendations:round-task-mark", args=[seed_plan.slug, round_.pk, rec3.pk])
    response = editor.post(url, {"done": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert f'href="#task-{rec3.pk}"' in html
    assert "Add a progress update for recommendation 3 in July 2025" in html


def test_a_reviewer_cannot_reach_a_round(seed_plan, client_for):
    round_ = seed_plan.rounds.get()
    url = reverse("recommendations:round-detail", args=[seed_plan.slug, round_.pk])
    assert client_for("reviewer").get(url).status_code == 403
