"""Browser journeys with the keyboard only: never a click or a fill, only Tab, typing and keys."""

import json
import re

import pytest

from recommendations import services
from recommendations.models import ProgressUpdate
from tests.browser.conftest import goto, wait_for_frontend
from tests.browser.journey_support import (
    CHANGE_REASON,
    DRAFT,
    EDITING_LINK,
    MILESTONE,
    NEW_TARGET,
    OWNER,
    PROGRESS,
    REVISION_REASON,
    ROUND,
    assert_plan_shows_revised_progress,
    assert_success_banner,
    plan_url_pattern,
    progress_url,
    rec6,
    rec_url_pattern,
    today,
)

pytestmark = pytest.mark.browser

# Where focus is, and moving it ------------------------------------------------------------

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.tagName, id: el.id, name: el.getAttribute('name'), value: el.value ?? null,
          type: el.getAttribute('type'), href: el.getAttribute('href'),
          cls: el.className, text: (el.textContent || '').replace(/\\s+/g, ' ').trim(),
          checked: !!el.checked};
}"""


def active(page) -> dict | None:
    return page.evaluate(ACTIVE)


def tab_to(page, predicate_js: str, max_presses: int = 400, key: str = "Tab") -> int:
    """Press Tab until the focused element matches `predicate_js` (a JavaScript function
    of the element, e.g. "el => el.id === 'id_text'"); returns how many presses it took."""
    check = f"(el => !!(el && ({predicate_js})(el)))(document.activeElement)"
    seen = []
    for presses in range(1, max_presses + 1):
        page.keyboard.press(key)
        if page.evaluate(check):
            return presses
        if len(seen) < 30:
            seen.append(active(page))
    raise AssertionError(
        f"No focusable element matched {predicate_js} after {max_presses} presses of {key}; "
        f"first focused: {seen}"
    )


def by_id(element_id: str) -> str:
    return f"el => el.id === {json.dumps(element_id)}"


def by_text(tag: str, text: str) -> str:
    """A <tag> whose text, visually hidden parts included, is `text`."""
    return (
        f"el => el.tagName === {json.dumps(tag.upper())} && "
        f"el.textContent.replace(/\\s+/g, ' ').trim() === {json.dumps(text)}"
    )


def press_enter_and_wait(page, url):
    page.keyboard.press("Enter")
    page.wait_for_url(url)
    wait_for_frontend(page)


def first_tab_is_skip_link(page):
    """A new page: the first Tab focuses the skip link, which shows when focused."""
    page.keyboard.press("Tab")
    focused = active(page)
    assert focused and focused["text"] == "Skip to main content", focused
    assert "govuk-skip-link" in focused["cls"]
    assert page.evaluate(
        "getComputedStyle(document.activeElement).clip !== 'rect(0px, 0px, 0px, 0px)'"
        " && document.activeElement.getBoundingClientRect().height > 1"
    ), "the skip link should be visible when focused"


def skip_to_main(page):
    """The skip link, then Enter: focus moves to <main>.

    Used on pages left by a link. On form pages the journeys Tab past the header
    instead: the skip link adds #main-content to the page's URL, which the form's POST
    and its redirect carry to the next page, where focus would then start in <main>.
    """
    first_tab_is_skip_link(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def type_into(page, element_id, text, *, first=False):
    presses = tab_to(page, by_id(element_id))
    if first:
        assert presses == 1, f"#{element_id} should be the first field in <main>"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    assert page.evaluate("document.activeElement.value") == text


def sign_in_with_keyboard(page, site, username):
    page.goto(site.at("/accounts/login/"))
    wait_for_frontend(page)
    if active(page) is None:
        first_tab_is_skip_link(page)
        type_into(page, "id_username", username)
    else:
        # The username field took focus on load (autofocus), which puts the skip link
        # behind it: test_sign_in_page_starts_at_the_skip_link fails for that. Carry on
        # from the field so that the rest of the journey is still tested.
        assert active(page)["id"] == "id_username"
        page.keyboard.type(username)
    type_into(page, "id_password", "pw")
    tab_to(page, by_text("button", "Sign in"))
    press_enter_and_wait(page, re.compile(re.escape(site.url) + r"/$"))
    assert page.get_by_text(f"Signed in as {username}").is_visible()


def test_sign_in_page_starts_at_the_skip_link(page):
    """Given a keyboard user opens the sign-in page, when they press Tab once, then the
    skip link has focus, and Enter on it moves focus to <main>, whose first stop is the
    username field. (GOV.UK: do not autofocus fields; it skips the page's start.)"""
    goto(page, "/accounts/login/")
    focused = active(page)
    assert focused is None, f"focus was moved on load to {focused}"
    skip_to_main(page)
    assert tab_to(page, by_id("id_username")) == 1


def open_seed_plan_with_keyboard(page, site):
    skip_to_main(page)
    tab_to(
        page,
        f"el => el.tagName === 'A' && el.getAttribute('href') === {json.dumps(site.plan_path)}",
    )
    press_enter_and_wait(page, plan_url_pattern(site))


def test_editor_journey_by_keyboard_only(page, live_seed):
    """Journey 4a: journey 1 with the keyboard only.

    Given the editor at the sign-in page, using only the keyboard
    When they sign in, open the plan, tab to "Add a progress update to recommendation 6",
      complete the form (arrow keys for the status radios and the action select) and
      press Enter on Save, then go back to the plan by the back link
    Then they see the success banner and the plan with the revised target.
    """
    site = live_seed
    rec = rec6(site)
    sign_in_with_keyboard(page, site, "editor")
    open_seed_plan_with_keyboard(page, site)

    skip_to_main(page)
    tab_to(page, by_text("a", "Add a progress update to recommendation 6"))
    press_enter_and_wait(page, f"**{progress_url(site, rec)}")
    assert page.title().startswith("Add a progress update")

    first_tab_is_skip_link(page)
    type_into(page, "id_round", ROUND)
    type_into(page, "id_text", PROGRESS)
    type_into(page, "id_owner_1", OWNER)
    # Into the status radios: none is chosen yet, so Tab lands on the first one; the
    # arrow keys move through the group, choosing as they go.
    tab_to(page, "el => el.name === 'status'")
    page.keyboard.press("Space")
    for _ in range(10):
        if active(page)["value"] == "delayed":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.querySelector('input[name=status]:checked').value") == (
        "delayed"
    )
    # Leaving the radio group with Tab reaches the next field, not the next radio.
    page.keyboard.press("Tab")
    assert active(page)["id"] == "id_target_text"
    page.keyboard.type(NEW_TARGET)
    tab_to(page, by_id("id_revises_action"))
    page.keyboard.press("ArrowDown")
    assert (
        page.evaluate("document.activeElement.selectedOptions[0].textContent")
        == "Yes, action 1 (currently January 2025)"
    )
    type_into(page, "id_revision_reason", REVISION_REASON)
    type_into(page, "id_change_reason", CHANGE_REASON)
    tab_to(page, by_text("button", "Save"))
    press_enter_and_wait(page, rec_url_pattern(site, rec))

    assert_success_banner(page, "Progress update added")
    tab_to(page, "el => el.classList.contains('govuk-back-link')")
    press_enter_and_wait(page, plan_url_pattern(site))
    assert_plan_shows_revised_progress(page, site)
    latest = ProgressUpdate.history.latest()
    assert (latest.history_user.username, latest.history_change_reason) == (
        "editor",
        CHANGE_REASON,
    )


def focus_cycle(page, max_presses=600) -> list[dict]:
    """Every element Tab reaches on the page, from the top, once round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focused = active(page)
        if focused is None or (seen and focused == seen[0]):
            return seen
        seen.append(focused)
    raise AssertionError(f"Focus did not come round in {max_presses} presses")


def test_reviewer_reads_by_keyboard_only(page, live_seed):
    """Journey 4b: the reviewer's read of journey 2 with the keyboard only.

    Given the editor added the July 2025 round, submitted the plan, then drafted more
    When the reviewer signs in and opens the plan using only the keyboard
    Then they read the submitted version, and nothing Tab reaches edits anything.
    """
    site = live_seed
    rec = rec6(site)
    editor = site.people["editor"]
    services.progress_update_add(
        recommendation=rec,
        round_label=ROUND,
        text=PROGRESS,
        owner_names=[OWNER],
        status="delayed",
        target_text=NEW_TARGET,
        revises_action_id=rec.actions.get().pk,
        revision_reason=REVISION_REASON,
        user=editor,
        change_reason=CHANGE_REASON,
    )
    services.plan_submit(
        plan=site.plan,
        kind="updated_plan_submitted",
        label=MILESTONE,
        date=today(),
        user=editor,
    )
    services.progress_update_add(
        recommendation=rec,
        round_label=ROUND,
        text=DRAFT,
        owner_names=[OWNER],
        status="delayed",
        user=editor,
    )

    sign_in_with_keyboard(page, site, "reviewer")
    open_seed_plan_with_keyboard(page, site)

    assert "You are reading the plan as submitted" in page.locator("#version").inner_text()
    assert_plan_shows_revised_progress(page, site)
    assert DRAFT not in page.content()
    reached = focus_cycle(page)
    assert reached[0]["text"] == "Skip to main content"
    texts = [f["text"] for f in reached]
    assert not [t for t in texts if EDITING_LINK.match(t)], texts
    assert [f["text"] for f in reached if f["tag"] == "BUTTON"] == ["Sign out"]
    assert not [f for f in reached if f["tag"] in {"INPUT", "SELECT", "TEXTAREA"}]

    # The recommendation page by keyboard: its link is in the table.
    skip_to_main(page)
    tab_to(page, by_text("a", "Recommendation 6"))
    press_enter_and_wait(page, rec_url_pattern(site, rec))
    assert page.get_by_text(PROGRESS).is_visible()
    assert DRAFT not in page.content()
