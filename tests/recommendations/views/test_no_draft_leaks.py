"""No page shows a reader what belongs to a version they may not read.

After the seed's last submission an editor drafts a new heading, recommendation, action
and owner, a progress entry, changed texts and a milestone, each carrying a marker.
Every page of the URLconf that a reviewer or an editor of another body may open (and
every version they may ask for on it) is then read: the marker is on none of them.
"""

import datetime

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import ActionPlan, Recommendation
from tests.conftest import client_as
from tests.tracker.matrix_urls import URL_KWARGS, Seed

pytestmark = pytest.mark.django_db

MARKER = "Leakmarker"
READERS = ["reviewer", "other_editor"]
TODAY = datetime.date.today().isoformat()
# Each reading route once as it stands, and once asking for the plan as of today.
QUERIES = {
    "recommendations:plan-detail": ["", f"?as_of={TODAY}", "?submission=3"],
    "recommendations:recommendation-detail": ["", f"?as_of={TODAY}"],
    "recommendations:plan-publication": ["", f"?as_of={TODAY}"],
    "recommendations:plan-compare": [
        "",
        f"?old_date_day=1&old_date_month=1&old_date_year=2024&new_date_day={TODAY[8:]}"
        f"&new_date_month={TODAY[5:7]}&new_date_year={TODAY[:4]}",
    ],
    "recommendations:slippage-report": ["", "?format=csv"],
}
NOT_TEXT = {  # binary: the PDF is the frozen file; the exports are zips (xlsx, ods, docx)
    "recommendations:plan-pdf",
    "recommendations:plan-export",
}


@pytest.fixture(scope="module")
def drafted(seeded, django_db_blocker):
    """The seed with a marked draft of every kind, made after its last submission."""
    with django_db_blocker.unblock():
        editor = seeded["editor"]
        plan = ActionPlan.objects.get(slug="ct-joint-inspection-2023")
        group = services.group_add(plan=plan, heading=f"{MARKER} heading should:", user=editor)
        rec = services.recommendation_add(
            group=group, reference="99", text=f"{MARKER} recommendation", user=editor
        )
        services.action_add(
            recommendation=rec,
            text=f"{MARKER} action",
            owner_names=[f"{MARKER} Owner"],
            target_text="March 2027",
            user=editor,
        )
        six = Recommendation.objects.get(group__plan=plan, reference="6")
        services.progress_update_add(
            recommendation=six,
            round_label="July 2024",
            text=f"{MARKER} progress",
            owner_names=[f"{MARKER} Progress Owner"],
            status="in_progress",
            user=editor,
        )
        services.recommendation_update(
            recommendation=six, data={"text": f"{MARKER} changed text"}, user=editor
        )
        services.milestone_add(
            plan=plan, label=f"{MARKER} milestone", date=datetime.date(2026, 1, 1), user=editor
        )
        services.plan_update(plan=plan, data={"caveat": f"{MARKER} caveat"}, user=editor)
        yield seeded


def reading_urls(seed: Seed) -> list[tuple[str, str]]:
    urls = []
    for name, kwargs_of in URL_KWARGS.items():
        if name.startswith("recommendations:") and name not in NOT_TEXT:
            for kwargs in kwargs_of(seed):
                for query in QUERIES.get(name, [""]):
                    urls.append((name, reverse(name, kwargs=kwargs) + query))
    return urls


@pytest.mark.parametrize("role", READERS)
def test_no_page_shows_a_draft_to_a_reader_of_submissions(drafted, role):
    client = client_as(drafted, role)
    seed = Seed()
    read = 0
    for name, url in reading_urls(seed):
        response = client.get(url)
        if response.status_code != 200:
            continue  # refused or not found: nothing shown
        read += 1
        assert MARKER not in response.content.decode(), f"{name}: {url} shows a draft"
    assert read >= 12  # the reading pages were really read, not all refused


def test_the_editor_does_see_the_drafts(drafted):
    """The markers are there to be found: the plan's own editor sees every one."""
    html = (
        client_as(drafted, "editor")
        .get(reverse("recommendations:plan-detail", args=["ct-joint-inspection-2023"]))
        .content.decode()
    )
    for text in ["heading", "recommendation", "action", "Owner", "progress", "changed text"]:
        assert f"{MARKER} {text}" in html
    owners = client_as(drafted, "editor").get(reverse("recommendations:owner-list"))
    assert f"{MARKER} Owner" in owners.content.decode()


def test_the_history_shows_readers_each_change_as_submitted_never_a_working_state(drafted):
    """Given wording drafted, then replaced, before the plan was submitted again, a
    reviewer's history shows the wording that was submitted; the editor's shows both."""
    from recommendations.models import Milestone

    editor = drafted["editor"]
    plan = ActionPlan.objects.get(slug="ct-joint-inspection-2023")
    seven = Recommendation.objects.get(group__plan=plan, reference="7")
    for text, why in [(f"{MARKER} interim wording", "interim"), ("Wording as sent", "final")]:
        seven = services.recommendation_update(
            recommendation=seven, data={"text": text}, user=editor, change_reason=why
        )
    services.plan_submit(
        plan=plan,
        kind=Milestone.Kind.PROGRESS_UPDATE_SUBMITTED,
        label="18 Month Update",
        date=datetime.date.today(),
        user=editor,
    )
    url = reverse("recommendations:recommendation-history", args=[plan.slug, seven.pk])
    reviewer = client_as(drafted, "reviewer").get(url).content.decode()
    assert "Wording as sent" in reviewer
    assert MARKER not in reviewer
    editor_view = client_as(drafted, "editor").get(url).content.decode()
    assert f"{MARKER} interim wording" in editor_view
    assert "Wording as sent" in editor_view
