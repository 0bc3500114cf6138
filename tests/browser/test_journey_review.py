"""Browser journeys of the reviewer: the plan as submitted, not later drafts, and what changed."""

import re

import pytest

from tests.browser.conftest import goto, sign_in, wait_for_frontend
from tests.browser.journey_support import (
    DRAFT,
    MILESTONE,
    PROGRESS,
    ROUND,
    add_progress_with_mouse,
    assert_no_edit_controls,
    assert_success_banner,
    long_date,
    plan_url_pattern,
    rec6,
    rec_url_pattern,
    today,
)

pytestmark = pytest.mark.browser


def test_reviewer_reads_the_plan_as_submitted_not_later_drafts(page, live_seed):
    """Journey 2: the issue's "done when".

    Given the editor adds the July 2025 round, submits the plan, then edits again
    When a reviewer signs in and opens the plan
    Then they read it as submitted: the July 2025 entry but not the later draft, and
      no edit controls of any kind.
    """
    site = live_seed
    sign_in(page, "editor")
    add_progress_with_mouse(page, site)

    goto(page, site.plan_path)
    page.get_by_role("link", name="Submit the plan to the inspectorate").click()
    page.wait_for_url(f"**{site.plan_path}submit/")
    wait_for_frontend(page)
    # The plan was submitted before (the seed's 12-month update), so the form offers an
    # updated plan.
    assert page.get_by_label("Updated Action Plan Submitted").is_checked()
    page.fill("#id_label", MILESTONE)
    page.fill("#id_date_0", str(today().day))
    page.fill("#id_date_1", str(today().month))
    page.fill("#id_date_2", str(today().year))
    page.fill("#id_change_note", "Progress for July 2025 added to recommendation 6.")
    page.get_by_role("button", name="Submit the plan").click()
    page.wait_for_url(plan_url_pattern(site))
    wait_for_frontend(page)
    assert_success_banner(page, "Plan submitted. Reviewers now see this version.")

    add_progress_with_mouse(page, site, text=DRAFT, revise=False)
    goto(page, site.plan_path)
    assert page.get_by_text(DRAFT).is_visible(), "the editor reads the working version"
    assert f"Reviewers see the version submitted on {long_date(today())}" in (
        page.locator("#version").inner_text()
    )

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    sign_in(page, "reviewer")
    page.get_by_role("link", name=re.compile("Counter Terrorism Joint Inspection")).click()
    page.wait_for_url(plan_url_pattern(site))
    wait_for_frontend(page)

    version = page.locator("#version").inner_text()
    assert "You are reading the plan as submitted" in version
    assert f"{MILESTONE}, {long_date(today())}" in version
    table = page.locator("#plan-table")
    heading = f"Progress against commitments – Recommendation 6 ({ROUND})"
    assert table.get_by_role("columnheader", name=heading, exact=True).is_visible()
    assert table.get_by_text(PROGRESS).is_visible()
    assert DRAFT not in page.content()
    assert_no_edit_controls(page)

    # The recommendation page reads the same version.
    page.get_by_role("link", name="Recommendation 6", exact=True).click()
    page.wait_for_url(rec_url_pattern(site, rec6(site)))
    wait_for_frontend(page)
    assert page.get_by_text(PROGRESS).is_visible()
    assert DRAFT not in page.content()
    assert_no_edit_controls(page, review_forms_allowed=True)


def test_reviewer_compares_the_first_and_latest_submissions(page, live_seed):
    """Journey: what changed, the reviewer's first question.

    Given the seed plan with its three submissions
    When a reviewer opens the plan, follows "What changed between submissions" and
      compares the July 2023 submission with the August 2024 one
    Then the moved target dates are listed with the months slipped and the reasons,
      and the new progress entries are counted; the history shows who changed what.
    """
    site = live_seed
    sign_in(page, "reviewer")
    goto(page, site.plan_path)
    page.get_by_role("link", name="What changed between submissions").click()
    page.wait_for_url(f"**{site.plan_path}compare/")
    wait_for_frontend(page)
    page.get_by_label("Earlier version").select_option(label="Action Plan Submitted, 28 July 2023")
    page.get_by_label("Later version").select_option(
        label="12 Month Update Action Plan Submitted, 9 August 2024"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    wait_for_frontend(page)
    assert page.get_by_role(
        "heading",
        name=re.compile("Action Plan Submitted, 28 July 2023 compared with 12 Month Update"),
    ).is_visible()
    moved = page.locator("#moved-targets tbody tr")
    rows = [
        [c.strip() for c in moved.nth(i).locator("td").all_inner_texts()]
        for i in range(moved.count())
    ]
    assert ["6", "1", "June 2024", "January 2025", "7", "internal resourcing pressures"] in rows
    assert [
        "11",
        "1",
        "December 2023",
        "December 2024",
        "12",
        "significant internal resourcing pressures",
    ] in rows
    assert page.get_by_text("32 new progress entries").is_visible()

    goto(page, site.plan_path + "history/")
    assert page.locator(".moj-timeline__item").count() > 20
    assert not page.get_by_role("link", name=re.compile("Change")).count()
