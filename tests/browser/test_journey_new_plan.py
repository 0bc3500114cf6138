"""Browser journey: an editor builds a whole plan for another inspection in the browser,
submits it, runs a progress round from its task list, submits again, and downloads a PDF
that passes PDF/UA-1; axe-core finds nothing on the pages a new plan leads to.

One journey, in the order an editor works: from the plans list, a new plan; its front
matter (report, plan texts, bodies, the categorisation table, a milestone); two addressee
headings with a recommendation each (a prison inspection's references "S40" and "1.46");
their actions (one with four owners, added with "Add another owner"); the first
submission; a progress round worked through its task list; the second submission; the
PDF. Nothing is typed into the address bar after the sign-in page, and the test writes
nothing to the database itself.
"""

import datetime

import pytest

from tests.browser.conftest import clear_caches, close_page, open_page, sign_in
from tests.browser.journey_support import assert_success_banner
from tests.browser.new_plan_support import (
    BULLETS,
    CAVEAT,
    DRAFT_TITLE,
    FIRST_HEADING,
    FIRST_SUBMISSION,
    INSPECTION_PERIOD,
    INTRODUCTION,
    MILESTONE,
    MILESTONE_DATE,
    NEW_PAGES,
    PLAN_TITLE,
    PROGRESS,
    REC_146_ACTION,
    REC_146_OWNER,
    REC_146_RATIONALE,
    REC_146_TARGET,
    REC_146_TEXT,
    REPORT_PUBLISHED,
    REPORT_TITLE,
    ROUND,
    ROUND_DUE,
    S40_ACTION,
    S40_OWNERS,
    S40_TARGET,
    S40_TEXT,
    SECOND_HEADING,
    SECOND_SUBMISSION,
    SLUG,
    Axe,
    assert_heading,
    assert_summary_row,
    assert_task_status,
    check_the_pdf,
    click_button,
    click_link,
    definitions,
    download_the_pdf,
    fill_date,
    group_headings,
    long_date,
    owner_box,
)

pytestmark = pytest.mark.browser


# --- The journey -------------------------------------------------------------------------


@pytest.fixture
def axe_page(browser, live_server, transactional_db):
    """A page that may inject axe-core (the app's Content Security Policy refuses inline
    scripts); otherwise as the `page` fixture."""
    clear_caches()
    page = open_page(browser, live_server.url, bypass_csp=True)
    yield page
    close_page(page)


def test_editor_builds_submits_and_updates_a_new_plan(axe_page, people, tmp_path):
    """Journey: a new plan from nothing to its second submission.

    Given the editor for HMPPS is signed in and no plan exists
    When they create a plan for the inspection of the Youth Custody Service's education
      provision, fill in its front matter, add two headings, recommendations S40 and 1.46
      with their actions (S40's with four owners) and a milestone, submit it, start the
      July 2027 progress round, add S40's update from the round's task list, mark it
      done and submit the plan from the round, confirming that 1.46 has no update
    Then axe-core finds no violation on any page a new plan led them to (NEW_PAGES),
      the plan shows both submissions, and its PDF is PDF/UA-1 (page-validation's
      Matterhorn rules and the publishing checks) and holds the references, the owners
      and the update.
    """
    page = axe_page
    axe = Axe(page)
    sign_in(page, "editor")

    create_the_plan(page, axe)
    fill_in_the_front_matter(page, axe)
    add_headings_recommendations_and_actions(page, axe)
    click_link(page, "Submit the plan to the inspectorate")
    submit(page, axe, kind="Action Plan Submitted", label=FIRST_SUBMISSION)
    run_a_progress_round(page, axe)

    assert [line.strip() for line in page.locator("#milestones dt").all_inner_texts()] == [
        "Report Published",
        MILESTONE,
        FIRST_SUBMISSION,
        SECOND_SUBMISSION,
    ]
    check_the_pdf(download_the_pdf(page), tmp_path)
    assert axe.checked == NEW_PAGES


def create_the_plan(page, axe):
    click_link(page, "Action plans")  # signing in lands on the dashboard
    click_link(page, "Create a new action plan")
    assert_heading(page, "Create an action plan")
    page.get_by_label("Inspection report title").fill(DRAFT_TITLE)
    fill_date(page, "Date the report was published", REPORT_PUBLISHED)
    page.get_by_label("Short name for the web address").fill(SLUG)
    page.get_by_role("group", name="Responding bodies").get_by_label("HMPPS").check()
    page.get_by_label("Reason for change").fill("New inspection report published")
    click_button(page, "Create the plan")

    assert_success_banner(page, "Action plan created")
    assert_heading(page, f"A Response to: {DRAFT_TITLE}")
    axe.check("new plan")


def fill_in_the_front_matter(page, axe):
    click_link(page, "Change the front matter")
    assert_heading(page, "The plan's front matter")
    axe.check("front matter")

    # The report: its full title, and the inspection period.
    click_link(page, "Change the report title")
    assert_heading(page, "Change the report's details")
    axe.check("report details")
    title = page.get_by_label("Inspection report title")
    assert title.input_value() == DRAFT_TITLE
    title.fill(REPORT_TITLE)
    page.get_by_label("Inspection period").fill(INSPECTION_PERIOD)
    fill_date(page, "Date the report was published", REPORT_PUBLISHED)
    page.get_by_label("Reason for change").fill("Title and inspection period as published")
    click_button(page, "Save")
    assert_summary_row(page, "Report title", REPORT_TITLE)
    assert_summary_row(page, "Date published", long_date(REPORT_PUBLISHED))
    assert_summary_row(page, "Inspection period", INSPECTION_PERIOD)

    # The plan's own title, caveat and introduction.
    click_link(page, "Change the introduction")
    assert_heading(page, "Change the plan's title, caveat and introduction")
    axe.check("plan texts")
    page.get_by_label("Title of the action plan").fill(PLAN_TITLE)
    page.get_by_label("Caveat").fill(CAVEAT)
    page.get_by_label("Introduction").fill(INTRODUCTION)
    page.get_by_label("Reason for change").fill("Title, caveat and introduction agreed")
    click_button(page, "Save")
    assert_summary_row(page, "Title of the action plan", PLAN_TITLE)
    assert_summary_row(page, "Caveat", CAVEAT)
    bullets = page.locator("#introduction li").all_inner_texts()
    assert [b.strip() for b in bullets] == BULLETS

    # The responding bodies: the editor's own body heads the plan.
    click_link(page, "Change the responding bodies")
    assert_heading(page, "Change the responding bodies")
    axe.check("responding bodies")
    first = page.get_by_label("Responding body 1")
    assert first.locator("option:checked").inner_text() == "HM Prison & Probation Service"
    second = page.get_by_label("Responding body 2")
    second.select_option(label="Youth Justice Board")
    page.get_by_label("Reason for change").fill("The Youth Justice Board answers too")
    click_button(page, "Save")
    assert page.locator("#plan-bodies li").all_inner_texts() == [
        "HM Prison & Probation Service",
        "Youth Justice Board",
    ]

    check_the_categorisation_table(page, axe)

    # A milestone of its own, with the date input.
    click_link(page, "Add a milestone")
    assert_heading(page, "Add a milestone")
    axe.check("add a milestone")
    page.get_by_label("Other", exact=True).check()
    page.get_by_label("Milestone as published").fill(MILESTONE)
    fill_date(page, "Date", MILESTONE_DATE)
    page.get_by_label("Reason for change").fill("Board agreed the plan")
    click_button(page, "Save")
    assert_summary_row(page, MILESTONE, f"{MILESTONE_DATE:%d %B %Y}")
    click_link(page, f"Change {MILESTONE}")
    assert_heading(page, "Change a milestone")
    axe.check("change a milestone")
    click_link(page, "Cancel")
    click_link(page, "Back to the plan")


def check_the_categorisation_table(page, axe):
    """A new plan starts with the standard categorisation table; each definition is
    the hint beside its choice wherever an editor says whether a recommendation is
    agreed (checked when the recommendations are added)."""
    terms = page.locator("#categorisation ~ dl .govuk-summary-list__key").all_inner_texts()
    assert [t.strip() for t in terms] == ["Agreed", "Partly Agreed", "Not Agreed"]
    assert not page.get_by_role("button", name="Add the standard categorisation table").count()
    click_link(page, "Change Partly Agreed")
    assert_heading(page, "Change the categorisation of “Partly Agreed”")
    axe.check("categorisation term")
    comment = page.get_by_label("Additional comment")
    comment.fill(
        comment.input_value() + "\n\nFor this plan, say which sites the part agreed covers."
    )
    page.get_by_label("Reason for change").fill("Sites named in partial agreements")
    click_button(page, "Save")
    assert (
        "say which sites the part agreed covers" in page.locator("#term-partly_agreed").inner_text()
    )


def add_heading(page, heading: str, axe=None) -> None:
    click_link(page, "Add an addressee heading")
    assert_heading(page, "Add an addressee heading")
    if axe:
        axe.check("add a heading")
    page.get_by_label("Addressee heading").fill(heading)
    page.get_by_label("Reason for change").fill("Addressee heading from the report")
    click_button(page, "Save")
    assert_success_banner(page, "Addressee heading added")
    assert group_headings(page)[-1] == heading


def add_headings_recommendations_and_actions(page, axe):
    add_heading(page, FIRST_HEADING, axe)
    add_heading(page, SECOND_HEADING)
    assert group_headings(page) == [FIRST_HEADING, SECOND_HEADING]
    click_link(page, f"Change the heading {SECOND_HEADING}")
    assert_heading(page, "Change an addressee heading")
    axe.check("change a heading")
    click_link(page, "Cancel")

    # What the front matter page shows, to compare with the agreement question's hints.
    click_link(page, "Change the front matter")
    shown = definitions(page)
    click_link(page, "Back to the plan")

    # S40: agreed, one action with four owners.
    click_link(page, f"Add a recommendation under {FIRST_HEADING}")
    assert_heading(page, "Add a recommendation")
    question = page.get_by_role("group", name="Is the recommendation agreed?")
    for term, definition in shown.items():
        choice = question.get_by_label(term, exact=True)
        hint = page.locator(f"#{choice.get_attribute('aria-describedby')}")
        assert hint.inner_text().strip() == definition, term
    page.get_by_label("Recommendation number").fill("S40")
    page.get_by_label("Recommendation", exact=True).fill(S40_TEXT)
    question.get_by_label("Agreed", exact=True).check()
    page.get_by_label("Reason for change").fill("Recommendation S40 from the report")
    click_button(page, "Save")
    assert_success_banner(page, "Recommendation added")

    click_link(page, "Add an action")
    assert_heading(page, "Add an action")
    reason = "Action agreed with the four sites"
    page.get_by_label("Action (optional)", exact=True).fill(S40_ACTION)
    page.get_by_label("Responsible owner", exact=True).fill(S40_OWNERS[0])
    page.get_by_label("Target date").fill(S40_TARGET)
    page.get_by_label("Delayed", exact=True).check()
    page.get_by_label("Reason for change").fill(reason)
    for number, owner in enumerate(S40_OWNERS[1:], start=2):
        # Without JavaScript the button posts: the form returns with one more box.
        click_button(page, "Add another owner")
        box = owner_box(page, number)
        assert box.input_value() == ""
        box.fill(owner)
    # Nothing typed was lost on the way.
    typed = [owner_box(page, number).input_value() for number in range(1, 5)]
    assert typed == S40_OWNERS
    assert page.get_by_label("Action (optional)", exact=True).input_value() == S40_ACTION
    assert page.get_by_label("Target date").input_value() == S40_TARGET
    assert page.get_by_label("Delayed", exact=True).is_checked()
    assert page.get_by_label("Reason for change").input_value() == reason
    page.get_by_label("In progress", exact=True).check()
    click_button(page, "Save")
    assert_success_banner(page, "Action added")
    owners_shown = page.locator("main").inner_text()
    assert all(owner in owners_shown for owner in S40_OWNERS)

    # 1.46: partly agreed, for an operational reason.
    click_link(page, "Back to the action plan")
    click_link(page, f"Add a recommendation under {SECOND_HEADING}")
    page.get_by_label("Recommendation number").fill("1.46")
    page.get_by_label("Recommendation", exact=True).fill(REC_146_TEXT)
    page.get_by_role("group", name="Is the recommendation agreed?").get_by_label(
        "Partly Agreed", exact=True
    ).check()
    page.get_by_label("Explanation").fill(REC_146_RATIONALE)
    page.get_by_role("group", name="Reasons").get_by_label("Operational", exact=True).check()
    click_button(page, "Save")
    assert_success_banner(page, "Recommendation added")
    click_link(page, "Add an action")
    page.get_by_label("Action (optional)", exact=True).fill(REC_146_ACTION)
    page.get_by_label("Responsible owner", exact=True).fill(REC_146_OWNER)
    page.get_by_label("Target date").fill(REC_146_TARGET)
    click_button(page, "Save")
    assert_success_banner(page, "Action added")
    click_link(page, "Back to the action plan")
    axe.check("plan with recommendations")


def submit(page, axe, *, kind: str, label: str, missing: list[str] | None = None):
    """From the submission form (the plan's or a round's): choose what is submitted,
    give the milestone, confirm what has no update if asked, submit."""
    assert_heading(page, "Submit the plan to the inspectorate")
    name = "submit from a round" if missing is not None else "submit the plan"
    axe.check(name)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Milestone as published").fill(label)
    today = datetime.date.today()
    date = page.get_by_role("group", name="Date submitted")
    assert date.get_by_label("Day").input_value() == str(today.day)
    if missing is not None:
        listed = [i.strip() for i in page.locator("#missing-list li").all_inner_texts()]
        assert listed == missing
        # The drafted change note names them too.
        note = page.get_by_label("What has changed since the last submission").input_value()
        named = [line for line in note.splitlines() if ROUND in line and "1.46" in line]
        assert len(named) == 1 and "S40" not in named[0], note
        # Submitting without confirming is refused, with the error beside the box.
        click_button(page, "Submit the plan")
        assert page.title().startswith("Error: ")
        axe.check("submit from a round: error")
        page.get_by_label("Submit without an update for these recommendations").check()
    click_button(page, "Submit the plan")
    assert_success_banner(page, "Plan submitted")


def run_a_progress_round(page, axe):
    click_link(page, "Start a progress round")
    assert_heading(page, "Start a progress round")
    axe.check("start a round")
    page.get_by_label("Reporting round").fill(ROUND)
    fill_date(page, "Date the update is due to the inspectorate", ROUND_DUE)
    page.get_by_label("Reason for change").fill("The July 2027 update is due")
    click_button(page, "Start the round")
    assert_success_banner(page, "Progress round started")
    assert_heading(page, f"Progress round {ROUND}")
    axe.check("round task list")
    assert_task_status(page, "S40", "Not started")
    assert_task_status(page, "1.46", "Not started")

    # S40's update, from the task list.
    click_link(page, "Recommendation S40")
    assert_heading(page, "Add a progress update")
    assert page.get_by_label("Reporting round").input_value() == ROUND
    page.get_by_label("Progress made").fill(PROGRESS)
    page.get_by_label("Responsible owner", exact=True).fill(S40_OWNERS[0])
    page.get_by_label("In progress", exact=True).check()
    page.get_by_label("Reason for change").fill("July 2027 update for S40")
    click_button(page, "Save")
    assert_success_banner(page, "Progress update added")

    # Back to the task list through the plan page, and mark S40 done.
    click_link(page, "Back to the action plan")
    click_link(page, f"{ROUND}: updates for each recommendation")
    assert_task_status(page, "S40", "In progress")
    click_button(page, "Mark as done recommendation S40")
    assert_success_banner(page, "Recommendation S40 marked as done")
    assert_task_status(page, "S40", "Completed")
    assert page.locator("#round-progress").inner_text() == (
        "You have marked 1 of 2 recommendations as done for this round."
    )
    axe.check("round task list after marking")

    click_link(page, "Submit the plan from this round")
    submit(
        page,
        axe,
        kind="Progress update submitted",
        label=SECOND_SUBMISSION,
        missing=[f"Recommendation 1.46 ({SECOND_HEADING})"],
    )
