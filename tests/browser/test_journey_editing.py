"""Browser journey: the editor adds progress that revises a target date, on a styled page."""

import pytest

from recommendations.models import ProgressUpdate
from tests.browser.conftest import goto, sign_in
from tests.browser.journey_support import (
    CHANGE_REASON,
    OWNER,
    PROGRESS,
    REVISION_REASON,
    ROUND,
    add_progress_with_mouse,
    assert_plan_shows_revised_progress,
    assert_success_banner,
    rec6,
)

pytestmark = pytest.mark.browser


def test_styles_and_scripts_load(page):
    """Given the live server, when the sign-in page opens, then the GOV.UK styles and
    scripts have loaded (served from /static/)."""
    goto(page, "/accounts/login/")
    # GOV.UK Frontend styles its classes, not <body>: the heading shows the font.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith('"GDS Transport", arial'), font
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    # application.css applied: the header has GOV.UK's blue background.
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
    )
    assert colour in {"rgb(29, 112, 184)", "rgb(11, 12, 12)"}, colour


def test_editor_adds_progress_that_revises_a_target_date(page, live_seed):
    """Journey 1.

    Given the editor for HMPPS is signed in
    When they add a July 2025 progress update to recommendation 6 that moves action 1's
      target date to June 2025 because it is awaiting ministerial clearance
    Then they see the success banner, the plan shows the new round and entry with the
      original target struck through beside the revised one, and the history records
      who made the change and why.
    """
    site = live_seed
    sign_in(page, "editor")

    add_progress_with_mouse(page, site)

    assert_success_banner(page, "Progress update added")
    goto(page, site.plan_path)
    assert_plan_shows_revised_progress(page, site)

    latest = ProgressUpdate.history.latest()
    assert latest.text == PROGRESS
    assert latest.history_user.username == "editor"
    assert latest.history_change_reason == CHANGE_REASON
    update = ProgressUpdate.objects.get(text=PROGRESS)
    assert update.round.label == ROUND
    assert update.revision_reason == REVISION_REASON
    assert update.revises_action == rec6(site).actions.get()
    assert [o.name for o in update.owners.all()] == [OWNER]
