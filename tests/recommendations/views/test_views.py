"""Every URL against every role, and the GOV.UK markup that matters on each page."""

import datetime
import re
import types
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from recommendations.models import Action, ProgressUpdate, Recommendation
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

READ, EDIT, CREATE = "read", "edit", "create"
# What each role may do with the seed plan (HMPPS's): the other editor reads as a reviewer.
ALLOWED = {
    READ: {"reviewer", "other_editor", "editor", "admin"},
    EDIT: {"editor", "admin"},
    CREATE: {"other_editor", "editor", "admin"},
}


def urls(plan):
    rec = Recommendation.objects.get(group__plan=plan, reference="6")
    action = rec.actions.get()
    group = rec.group
    slug = plan.slug
    return {
        "dashboard": (reverse("recommendations:dashboard"), READ),
        "plan-list": (reverse("recommendations:plan-list"), READ),
        "owner-list": (reverse("recommendations:owner-list"), READ),
        "owner-detail": (
            reverse("recommendations:owner-detail", args=[action.owners.first().pk]),
            READ,
        ),
        "plan-detail": (reverse("recommendations:plan-detail", args=[slug]), READ),
        "recommendation-detail": (
            reverse("recommendations:recommendation-detail", args=[slug, rec.pk]),
            READ,
        ),
        "plan-create": (reverse("recommendations:plan-create"), CREATE),
        "plan-submit": (reverse("recommendations:plan-submit", args=[slug]), EDIT),
        "group-add": (reverse("recommendations:group-add", args=[slug]), EDIT),
        "recommendation-add": (
            reverse("recommendations:recommendation-add", args=[slug, group.pk]),
            EDIT,
        ),
        "recommendation-edit": (
            reverse("recommendations:recommendation-edit", args=[slug, rec.pk]),
            EDIT,
        ),
        "action-add": (reverse("recommendations:action-add", args=[slug, rec.pk]), EDIT),
        "action-edit": (
            reverse("recommendations:action-edit", args=[slug, rec.pk, action.pk]),
            EDIT,
        ),
        "progress-add": (reverse("recommendations:progress-add", args=[slug, rec.pk]), EDIT),
    }


MOVES = ["group-move", "recommendation-move", "action-move"]


def move_url(name, plan):
    rec = Recommendation.objects.get(group__plan=plan, reference="7")
    return {
        "group-move": reverse("recommendations:group-move", args=[plan.slug, rec.group.pk]),
        "recommendation-move": reverse(
            "recommendations:recommendation-move", args=[plan.slug, rec.pk]
        ),
        "action-move": reverse(
            "recommendations:action-move", args=[plan.slug, rec.pk, rec.actions.first().pk]
        ),
    }[name]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name",
    [
        "dashboard",
        "plan-list",
        "owner-list",
        "owner-detail",
        "plan-detail",
        "recommendation-detail",
        "plan-create",
        "plan-submit",
        "group-add",
        "recommendation-add",
        "recommendation-edit",
        "action-add",
        "action-edit",
        "progress-add",
    ],
)
def test_get_every_page_as_every_role(seed_plan, client_for, role, name):
    url, kind = urls(seed_plan)[name]
    response = client_for(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    elif role in ALLOWED[kind]:
        assert response.status_code == 200
        assert b'class="govuk-header' in response.content
    else:
        assert response.status_code == 403
        assert b"You do not have permission" in response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", MOVES)
def test_reordering_is_for_editors_of_the_plan_only(seed_plan, client_for, role, name):
    response = client_for(role).post(move_url(name, seed_plan), {"direction": "down"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role in ALLOWED[EDIT]:
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["reviewer", "other_editor"])
def test_a_forged_post_by_a_reader_changes_nothing(seed_plan, client_for, role):
    rec = Recommendation.objects.get(group__plan=seed_plan, reference="6")
    before = ProgressUpdate.objects.count()
    response = client_for(role).post(
        reverse("recommendations:progress-add", args=[seed_plan.slug, rec.pk]),
        {"round": "July 2025", "text": "Forged", "owner_1": "Someone", "status": "completed"},
    )
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == before


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
def test_unknown_objects_are_not_found(seed_plan, client_for, role):
    client = client_for(role)
    assert client.get("/plans/no-such-plan/").status_code == 404
    response = client.get(f"/plans/{seed_plan.slug}/recommendations/999999/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_a_signed_in_user_without_a_role_is_refused(seed_plan, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody"))
    assert client.get(f"/plans/{seed_plan.slug}/").status_code == 403
    assert seed_plan.slug.encode() not in client.get("/plans/").content


# A day on which the seed plan's overdue actions are told apart by their target months.
FIXED_TODAY = datetime.date(2025, 1, 15)


@pytest.fixture
def frozen_today(monkeypatch):
    """The plan views (recommendations/views/plans.py) see FIXED_TODAY as today."""

    class FrozenDate(datetime.date):
        @classmethod
        def today(cls):
            return FIXED_TODAY

    monkeypatch.setattr(
        "recommendations.views.plans.datetime", types.SimpleNamespace(date=FrozenDate)
    )
    return FIXED_TODAY


def overdue_marks(html: str) -> set[tuple[str, int]]:
    """(recommendation reference, action number) of each action row of the plan table
    whose status carries the Overdue tag."""
    start = html.index('id="plan-table"')
    table = html[start : html.index("</table>", start)]
    marked, reference, number = set(), None, 0
    for row in re.split(r"<tr\b", table)[1:]:
        opening = row.split(">", 1)[0]
        if "app-plan-table__" in opening or 'scope="col"' in row:
            continue  # the header, addressee group and progress rows hold no action
        if 'id="rec-' in opening:
            cell = re.search(r'<th scope="row".*?</th>', row, re.S).group(0)
            reference = re.sub(r"<[^>]+>", "", cell).removeprefix("Recommendation ").strip()
            number = 0
        number += 1
        if ">Overdue</strong>" in row:
            marked.add((reference, number))
    return marked


class TestPlanPage:
    def test_shows_the_table_tags_summary_and_gap(self, seed_plan, client_for):
        html = client_for("editor").get(f"/plans/{seed_plan.slug}/").content.decode()
        assert html.count('<th scope="colgroup" colspan="6"') >= 7 + 20
        assert "govuk-tag--green" in html and "Partly Agreed" in html
        assert "Recommendation 13 is not in this plan" in html
        assert 'id="summary"' in html and ">19</td>" in html and ">20</td>" in html
        assert "Progress against commitments – Recommendation 6 (July 2024)" in html

    def test_revised_dates_show_the_original(self, seed_plan, client_for):
        html = client_for("reviewer").get(f"/plans/{seed_plan.slug}/").content.decode()
        assert "Original target: </span>June 2024" in html
        assert "Revised target: </span>January 2025" in html
        assert "internal resourcing pressures" in html

    def test_overdue_actions_are_marked(self, seed_plan, client_for, frozen_today):
        """Given the seed plan on 15 January 2025, when the editor opens it, then exactly
        the actions whose current target month has ended and that are not closed are
        marked Overdue.

        From the seed YAML: 11, 16 and 19 have action 1 revised to December 2024, delayed;
        14's progress revises action 3 to October 2024, delayed, and as that round does
        not complete everything, actions 1 (October 2023) and 2 (December 2023) keep their
        own status, in progress. Not overdue: 6's action 1, revised from June 2024 to
        January 2025, a month not yet ended; 3's July 2025; and every action whose own
        status, or its recommendation's July 2024 round, completed it."""
        html = client_for("editor").get(f"/plans/{seed_plan.slug}/").content.decode()
        assert overdue_marks(html) == {
            ("11", 1),
            ("14", 1),
            ("14", 2),
            ("14", 3),
            ("16", 1),
            ("19", 1),
        }

    def test_editors_see_edit_controls_and_reviewers_none(self, seed_plan, client_for):
        editor = client_for("editor").get(f"/plans/{seed_plan.slug}/").content.decode()
        assert "Add a progress update" in editor and "Submit the plan" in editor
        reviewer = client_for("reviewer").get(f"/plans/{seed_plan.slug}/").content.decode()
        for control in [
            "Add a progress update",
            "Submit the plan",
            '>Change<span class="govuk-visually-hidden">',
            "Move up",
            '<form method="post" action="/plans',
        ]:
            assert control not in reviewer
        assert "You are reading the plan as submitted" in reviewer


class TestPlanList:
    def test_lists_the_plan_with_its_last_submission_and_counts(
        self, seed_plan, client_for, frozen_today
    ):
        """Given the seed plan on 15 January 2025, when a reviewer opens the plans list,
        then its row shows the last submission and its actions counted by latest status.

        From the seed YAML, 41 actions: delayed, the five whose July 2024 progress revised
        them (recommendations 6, 11, 14's action 3, 16, 19); in progress, 3's action and
        14's actions 1 and 2 (their round is not closed); completed, the other 33, each
        closed by its own status or by a round whose entries are all completed (12's
        "Completed and ongoing" action among them). Overdue: the six of
        test_overdue_actions_are_marked."""
        html = client_for("reviewer").get("/plans/").content.decode()
        assert "Counter Terrorism Joint Inspection" in html
        assert "9 August 2024" in html
        start = html.index('id="plans"')
        plans_table = html[start : html.index("</table>", start)]
        shown = re.findall(r'<strong class="govuk-tag[^"]*">([^<]+)</strong>\s*(\d+)', plans_table)
        assert shown == [
            ("In progress", "3"),
            ("Completed", "33"),
            ("Delayed", "5"),
            ("Overdue", "6"),
        ]
        seed = yaml.safe_load(
            (Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml").read_text()
        )
        actions = sum(len(r["actions"]) for g in seed["groups"] for r in g["recommendations"])
        assert actions == 3 + 33 + 5

    @pytest.mark.parametrize(
        ("query", "found"),
        [
            ("q=Pathfinder", True),
            ("q=zebra+crossing", False),
            ("status=delayed", True),
            ("status=superseded", False),
            ("status=overdue", True),
        ],
    )
    def test_filters(self, seed_plan, client_for, query, found):
        html = client_for("editor").get(f"/plans/?{query}").content.decode()
        assert ("Counter Terrorism Joint Inspection" in html) is found

    def test_filter_by_body(self, seed_plan, client_for, people):
        from recommendations.models import ResponsibleBody

        other = ResponsibleBody.objects.get(name="Youth Justice Board")
        html = client_for("admin").get(f"/plans/?body={other.pk}").content.decode()
        assert "There are no action plans that match" in html

    def test_a_malformed_filter_is_an_error_not_a_crash(self, seed_plan, client_for):
        response = client_for("editor").get("/plans/?body=not-a-number&status=<script>")
        assert response.status_code == 200
        assert b"<script>" not in response.content


class TestOwnerPages:
    def test_an_owner_page_lists_every_action_held_across_the_plan(self, seed_plan, client_for):
        action = Action.objects.get(recommendation__reference="6")
        owner = action.owners.get()
        html = client_for("reviewer").get(f"/owners/{owner.pk}/").content.decode()
        assert owner.name in html
        assert html.count("Action 1") >= 5  # JEXU holds many recommendations' actions
