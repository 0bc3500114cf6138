"""The plan as it stood on a date, and any submission, in the browser: the plan page, its
web page and its PDF. Editors read their plan's history, drafts included; reviewers
read only what was submitted, whatever date they ask for."""

import datetime

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import ActionPlan, Assessment, Recommendation
from tests.conftest import SEED_SLUG, client_as

pytestmark = pytest.mark.django_db

PROGRESS_ROW = "Progress against commitments – Recommendation 1 (July 2024)"
DRAFT = "Xylophonic"  # one word, so a word-level diff shows it whole


def plan_url(query: str = "") -> str:
    return reverse("recommendations:plan-detail", args=[SEED_SLUG]) + query


def page(users, role, query=""):
    response = client_as(users, role).get(plan_url(query))
    assert response.status_code == 200
    return response.content.decode()


def draft_after_last_submission(users):
    """An editor's change made after the seed's third submission: never for reviewers."""
    rec = Recommendation.objects.get(group__plan__slug=SEED_SLUG, reference="1")
    services.recommendation_update(
        recommendation=rec,
        data={"text": f"{DRAFT} draft wording the inspectorate has not been sent."},
        user=users["editor"],
        change_reason="draft",
    )


def test_an_editor_reads_the_plan_as_it_stood_at_the_end_of_a_day(seeded):
    # Given the seed, whose July 2024 progress was reported on 9 August 2024
    assert PROGRESS_ROW in page(seeded, "editor")
    # When the editor asks for the plan as it stood on 1 January 2024
    html = page(seeded, "editor", "?as_of=2024-01-01")
    # Then the progress is not there yet, and the page says which version it is
    assert PROGRESS_ROW not in html
    assert "as it stood at the end of 1 January 2024" in html
    # and nothing on a past version can be edited
    assert "Submit the plan to the inspectorate" not in html
    assert "Add a recommendation" not in html
    # and its downloads and recommendation links stay on that day
    assert "publication.pdf?as_of=2024-01-01" in html
    assert "publication/?as_of=2024-01-01" in html
    assert "/?as_of=2024-01-01#" not in html  # no link drops the day before an anchor
    rec = Recommendation.objects.get(group__plan__slug=SEED_SLUG, reference="1")
    assert f"/recommendations/{rec.pk}/?as_of=2024-01-01" in html


def test_an_editor_sees_drafts_of_that_day_but_a_reviewer_never_does(seeded):
    draft_after_last_submission(seeded)
    today = datetime.date.today().isoformat()
    assert DRAFT in page(seeded, "editor", f"?as_of={today}")
    reviewer = page(seeded, "reviewer", f"?as_of={today}")
    assert DRAFT not in reviewer
    assert "You are reading submission 3 of 3" in reviewer


def test_a_reviewer_asking_for_a_date_reads_the_submission_made_by_then(seeded):
    html = page(seeded, "reviewer", "?as_of=2024-01-01")
    assert "You are reading submission 2 of 3: Updated Action Plan Submitted, 11 October 2023" in (
        html
    )
    assert PROGRESS_ROW not in html
    assert "publication.pdf?submission=2" in html


def test_the_date_boxes_lead_to_the_day_and_their_mistakes_are_shown_beside_them(seeded):
    client = client_as(seeded, "editor")
    response = client.get(plan_url("?as_of_day=1&as_of_month=1&as_of_year=2024"))
    assert response.status_code == 302
    assert response["Location"] == plan_url("?as_of=2024-01-01")

    response = client.get(plan_url("?as_of_day=31&as_of_month=2&as_of_year=2024"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The date must be a real date" in html
    assert 'id="plan-on-date" open' in html
    # The page still shows the working version
    assert "This is the working version" in html


@pytest.mark.parametrize(
    ("role", "query", "message"),
    [
        ("editor", "?as_of=2020-01-01", "The plan did not exist yet on 1 January 2020"),
        ("reviewer", "?as_of=2023-07-01", "The plan had not been submitted by 1 July 2023"),
    ],
)
def test_a_day_with_no_version_is_an_error_beside_the_date(seeded, role, query, message):
    html = page(seeded, role, query)
    assert message in html
    assert "govuk-error-summary" in html
    assert 'value="2020"' in html or 'value="2023"' in html  # the day typed is kept


@pytest.mark.parametrize("query", ["?submission=9", "?submission=0", "?submission=x", "?as_of=x"])
def test_a_version_there_is_not_is_not_found(seeded, query):
    assert client_as(seeded, "reviewer").get(plan_url(query)).status_code == 404


def test_any_reader_reads_any_submission_exactly_as_made(seeded):
    html = page(seeded, "reviewer", "?submission=1")
    assert "You are reading submission 1 of 3: Action Plan Submitted, 28 July 2023" in html
    assert "An earlier submission" in html
    assert page(seeded, "editor", "?submission=3").count("The latest submission") == 1


def test_the_web_page_and_pdf_of_a_day_are_the_files_of_that_version(seeded):
    reviewer = client_as(seeded, "reviewer")
    on_day = reviewer.get(
        reverse("recommendations:plan-publication", args=[SEED_SLUG]), {"as_of": "2024-01-01"}
    )
    second = reviewer.get(
        reverse("recommendations:plan-publication", args=[SEED_SLUG]), {"submission": "2"}
    )
    assert on_day.status_code == second.status_code == 200
    assert on_day.content == second.content
    assert on_day["ETag"] == second["ETag"]

    editor = client_as(seeded, "editor")
    then = editor.get(
        reverse("recommendations:plan-publication", args=[SEED_SLUG]), {"as_of": "2024-01-01"}
    )
    now = editor.get(reverse("recommendations:plan-publication", args=[SEED_SLUG]))
    assert "Progress against commitments" not in then.content.decode()
    assert "Progress against commitments" in now.content.decode()
    too_early = editor.get(
        reverse("recommendations:plan-pdf", args=[SEED_SLUG]), {"as_of": "2020-01-01"}
    )
    assert too_early.status_code == 404


def test_a_reviewer_comparing_dates_never_sees_a_draft(seeded):
    draft_after_last_submission(seeded)
    today = datetime.date.today()
    query = {
        "old_date_day": "1",
        "old_date_month": "1",
        "old_date_year": "2024",
        "new_date_day": str(today.day),
        "new_date_month": str(today.month),
        "new_date_year": str(today.year),
    }
    url = reverse("recommendations:plan-compare", args=[SEED_SLUG])
    reviewer = client_as(seeded, "reviewer").get(url, query).content.decode()
    assert DRAFT not in reviewer
    assert "12 Month Update Action Plan Submitted" in reviewer  # the later side is submission 3
    editor = client_as(seeded, "editor").get(url, query).content.decode()
    assert DRAFT in editor


def test_the_inspectorates_assessment_stands_beside_the_departments_status(seeded):
    plan = ActionPlan.objects.get(slug=SEED_SLUG)
    first, _, latest = plan.milestones.filter(submitted_at__isnull=False).order_by("submitted_at")
    rec = Recommendation.objects.get(group__plan=plan, reference="4")
    services.assessment_record(
        recommendation=rec,
        submission=latest,
        rating=Assessment.Rating.values[0],
        user=seeded["reviewer"],
    )
    label = Assessment.Rating.labels[0]
    html = page(seeded, "reviewer")
    row = html[html.index(f'id="rec-{rec.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f"Inspectorate's assessment: <strong>{label}</strong>" in row
    # not on the first submission, which was not assessed
    assert "Inspectorate's assessment" not in page(seeded, "reviewer", "?submission=1")

    compare = (
        client_as(seeded, "reviewer")
        .get(
            reverse("recommendations:plan-compare", args=[SEED_SLUG]),
            {"old": str(first.pk), "new": str(latest.pk)},
        )
        .content.decode()
    )
    card = compare[compare.index(f'id="change-{rec.pk}"') :]
    card = card[: card.find('id="change-', 1)]
    assert "Inspectorate's assessment:</strong> none (" in card
    assert f"; {label} (" in card


def test_earlier_submissions_comment_threads_can_be_read(seeded):
    plan = ActionPlan.objects.get(slug=SEED_SLUG)
    first = plan.milestones.filter(submitted_at__isnull=False).order_by("submitted_at").first()
    rec = Recommendation.objects.get(group__plan=plan, reference="5")
    services.comment_add(
        recommendation=rec,
        submission=first,
        text="Is the framework funded?",
        user=seeded["reviewer"],
    )
    url = reverse("recommendations:recommendation-detail", args=[SEED_SLUG, rec.pk])
    latest = client_as(seeded, "reviewer").get(url).content.decode()
    assert "Is the framework funded?" not in latest
    assert "Submission 1: Action Plan Submitted, 28 July 2023</a> (1 comment)" in latest

    earlier = client_as(seeded, "reviewer").get(url, {"submission": "1"}).content.decode()
    assert "Is the framework funded?" in earlier
    assert "Comments on submission 1 (Action Plan Submitted)" in earlier
    # Comments and assessments are written on the latest submission only
    assert 'action="' + reverse("recommendations:comment-add", args=[SEED_SLUG, rec.pk]) not in (
        earlier
    )
