"""End-to-end journeys in headless Chromium against the live server and the seed plan.

Each test reads as given / when / then. The keyboard-only journeys never click or fill:
they move with Tab, type, and press Space, arrow keys and Enter.
"""

import datetime
import json
import re

import pytest
from django.apps import apps

from recommendations import services
from recommendations.models import ProgressUpdate, Recommendation, ReportingRound
from tests.browser.conftest import goto, sign_in, wait_for_frontend

pytestmark = pytest.mark.browser

OWNER = "Deputy Director Joint Extremism Unit (JEXU)"
ROUND = "July 2025"
PROGRESS = (
    "The revised Managing Extremism Policy Framework has been drafted and agreed by the "
    "Joint Extremism Unit; publication now waits for ministerial clearance."
)
NEW_TARGET = "June 2025"
REVISION_REASON = "awaiting ministerial clearance"
CHANGE_REASON = "July 2025 progress round for recommendation 6"
DRAFT = "Draft after submission"
MILESTONE = "24 Month Update Action Plan Submitted"


def rec6(site) -> Recommendation:
    return Recommendation.objects.get(group__plan=site.plan, reference="6")


def progress_url(site, rec) -> str:
    return f"{site.plan_path}recommendations/{rec.pk}/progress/new/"


def today() -> datetime.date:
    return datetime.date.today()


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def plan_url_pattern(site) -> re.Pattern:
    return re.compile(re.escape(site.url + site.plan_path) + r"(#.*)?$")


def rec_url_pattern(site, rec) -> re.Pattern:
    return re.compile(re.escape(f"{site.url}{site.plan_path}recommendations/{rec.pk}/") + "$")


def post_forms(page) -> list[str]:
    """The action of every form on the page that POSTs."""
    return page.evaluate(
        "[...document.forms].filter(f => f.method === 'post')"
        ".map(f => f.getAttribute('action') || location.pathname)"
    )


def history_count() -> int:
    """Every revision the app has recorded: any write through a service adds one."""
    return sum(
        model.objects.count()
        for model in apps.get_app_config("recommendations").get_models()
        if model.__name__.startswith("Historical")
    )


# Mouse journeys ------------------------------------------------------------------------


def fill_progress_form(page, *, text, revise: bool):
    page.fill("#id_round", ROUND)
    page.fill("#id_text", text)
    page.fill("#id_owner_1", OWNER)
    page.get_by_label("Delayed", exact=True).check()
    page.fill("#id_target_text", NEW_TARGET if revise else "")
    if revise:
        options = page.locator("#id_revises_action option").all_inner_texts()
        assert options == [
            "No, the target dates are unchanged",
            "Yes, action 1 (currently January 2025)",
        ]
        page.select_option("#id_revises_action", label="Yes, action 1 (currently January 2025)")
        page.fill("#id_revision_reason", REVISION_REASON)
    page.fill("#id_change_reason", CHANGE_REASON)


def add_progress_with_mouse(page, site, *, text=PROGRESS, revise=True):
    """From the plan page: follow "Add a progress update" for recommendation 6, fill in
    the form, save; lands on the recommendation page."""
    goto(page, site.plan_path)
    page.get_by_role("link", name="Add a progress update to recommendation 6", exact=True).click()
    page.wait_for_url(f"**{progress_url(site, rec6(site))}")
    wait_for_frontend(page)
    assert page.title().startswith("Add a progress update")
    fill_progress_form(page, text=text, revise=revise)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(rec_url_pattern(site, rec6(site)))
    wait_for_frontend(page)


def assert_success_banner(page, message):
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.is_visible()
    assert banner.get_attribute("role") == "alert"
    assert message in banner.inner_text()


def assert_plan_shows_revised_progress(page, site):
    """The plan page shows the July 2025 round for recommendation 6, the new entry, the
    original target struck through and the revised one."""
    rec = rec6(site)
    table = page.locator("#plan-table")
    heading = f"Progress against commitments – Recommendation 6 ({ROUND})"
    assert table.get_by_role("columnheader", name=heading, exact=True).is_visible()
    assert table.get_by_text(PROGRESS).is_visible()
    assert table.get_by_text(
        re.compile(rf"Target date changed\s+from June 2024 to {NEW_TARGET}: {REVISION_REASON}")
    ).is_visible()

    row = page.locator(f"#rec-{rec.pk}")
    original = row.locator("del")
    assert original.text_content() == "Original target: June 2024"
    assert_visually_hidden(original.locator(".govuk-visually-hidden"), "Original target: ")
    decoration = original.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert "line-through" in decoration
    revised = row.locator("ins")
    assert revised.text_content() == f"Revised target: {NEW_TARGET}"
    assert_visually_hidden(revised.locator(".govuk-visually-hidden"), "Revised target: ")


def assert_visually_hidden(locator, text):
    """Read out by screen readers, not shown: GOV.UK's 1px clipped box."""
    assert locator.text_content() == text
    box = locator.bounding_box()
    assert box and box["width"] <= 1 and box["height"] <= 1, box


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
    page.fill("#id_date", today().strftime("%d/%m/%Y"))
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


EDITING_LINK = re.compile(r"^(Add |Change|Archive|Submit the plan|Move )")
# The reviewer's own work on a recommendation page (assessing it, commenting on the
# submission) posts forms too; none of them changes the plan.
REVIEW_POST = re.compile(r"^/accounts/logout/$|/recommendations/\d+/(assessment|comments)/$")


def assert_no_edit_controls(page, *, review_forms_allowed=False):
    """No link, button or form that would change the plan."""
    names = [" ".join(n.split()) for n in page.get_by_role("link").all_text_contents()]
    assert not [n for n in names if EDITING_LINK.match(n)], names
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if re.search(r"/(new|edit|submit|move|archive)/$", h)], hrefs
    forms = post_forms(page)
    assert "/accounts/logout/" in forms
    if review_forms_allowed:
        assert all(REVIEW_POST.search(action) for action in forms), forms
    else:
        # Sign-out only (the header's, and the session timeout warning's if present).
        assert set(forms) == {"/accounts/logout/"}, forms
        buttons = [" ".join(b.split()) for b in page.get_by_role("button").all_text_contents()]
        assert buttons == ["Sign out"], buttons


def csrf_token(page) -> str:
    """The CSRF token as a forger could get it: from the csrftoken cookie, or (if the
    token is kept in the session) from any form on a page they may open."""
    from django.conf import settings

    for cookie in page.context.cookies():
        if cookie["name"] == settings.CSRF_COOKIE_NAME:
            return cookie["value"]
    return page.locator("input[name=csrfmiddlewaretoken]").first.input_value()


FORGED = {
    "progress": lambda site: (
        progress_url(site, rec6(site)),
        {
            "round": ROUND,
            "text": "Forged",
            "owner_1": "Forger",
            "status": "completed",
            "target_text": "",
            "revises_action": "",
            "revision_reason": "",
            "change_reason": "forged",
        },
    ),
    "submit": lambda site: (
        f"{site.plan_path}submit/",
        {"kind": "updated_plan_submitted", "label": "Forged", "date": "1/1/2026"},
    ),
    "move": lambda site: (
        f"{site.plan_path}recommendations/{rec6(site).pk}/move/",
        {"direction": "up"},
    ),
}


def db_state(site) -> tuple:
    return (
        history_count(),
        ProgressUpdate.objects.count(),
        ReportingRound.objects.count(),
        site.plan.milestones.count(),
    )


@pytest.mark.parametrize("role", ["reviewer", "other_editor"])
def test_forged_post_from_a_reader_is_refused(page, live_seed, role):
    """Journey 3.

    Given a reviewer (or an editor for another body, who reads like a reviewer) is
      signed in
    When they forge POSTs, each with a valid CSRF token, to the plan's editing URLs (add a
      progress update, submit the plan, move a recommendation)
    Then each is answered 403 with the GOV.UK permission page and nothing is written;
      and opening an edit page shows that page too.
    """
    site = live_seed
    sign_in(page, role)
    goto(page, site.plan_path)
    token = csrf_token(page)
    before = db_state(site)

    for target, forge in FORGED.items():
        path, data = forge(site)
        response = page.request.post(
            site.at(path),
            form={**data, "csrfmiddlewaretoken": token},
            headers={"X-CSRFToken": token, "Referer": site.url + "/"},
            max_redirects=0,
        )
        body = response.text()
        assert response.status == 403, (target, response.status, body[:500])
        assert "You do not have permission" in body, f"{target}: refused, but not by permission"
        assert db_state(site) == before, f"{target}: something was written"

    for path in [FORGED["progress"](site)[0], FORGED["submit"](site)[0]]:
        response = goto(page, path)
        assert response.status == 403, path
        assert page.title() == "You do not have permission – Action plan tracker – GOV.UK"
        assert page.get_by_role("heading", level=1).inner_text() == "You do not have permission"


def test_forged_post_without_csrf_token_is_refused(page, live_seed):
    """Given the editor is signed in, when a POST arrives without the CSRF token, then it
    is refused with the service's own CSRF page and nothing is written."""
    site = live_seed
    sign_in(page, "editor")
    path, data = FORGED["progress"](site)
    before = history_count()
    response = page.request.post(site.at(path), form=data, max_redirects=0)
    assert response.status == 403
    assert "Sorry, there is a problem with the service" in response.text()
    assert history_count() == before


# Keyboard only -------------------------------------------------------------------------

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
    round_ = services.round_get_or_create(plan=site.plan, label=ROUND, user=editor)
    owner = services.owner_get_or_create(name=OWNER, user=editor)
    services.progress_update_add(
        recommendation=rec,
        round=round_,
        text=PROGRESS,
        owners=[owner],
        status="delayed",
        target_text=NEW_TARGET,
        revises_action=rec.actions.get(),
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
        round=round_,
        text=DRAFT,
        owners=[owner],
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


# The GOV.UK error pattern ---------------------------------------------------------------


LABEL_IN_VIEW = """(id) => {
  const field = document.getElementById(id);
  const question = field.closest('fieldset')?.querySelector('legend')
    || document.querySelector(`label[for="${id}"]`);
  const box = question.getBoundingClientRect();
  return box.top >= -1 && box.bottom <= window.innerHeight + 1;  // sub-pixel scrolling
}"""


def test_progress_form_errors_follow_the_govuk_pattern(page, live_seed):
    """Journey 5.

    Given the editor on the progress form for recommendation 6
    When they save it empty, and then with only some fields filled
    Then the title starts "Error: ", the error summary is shown and focused, each error
      links to its field and focuses it, each field shows its own message, and what
      they typed is kept.
    """
    site = live_seed
    rec = rec6(site)
    sign_in(page, "editor")
    goto(page, progress_url(site, rec))
    before = history_count()

    page.fill("#id_round", "")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    wait_for_frontend(page)
    assert page.title().startswith("Error: Add a progress update")
    summary = page.locator(".govuk-error-summary")
    page.wait_for_function(
        "document.activeElement === document.querySelector('.govuk-error-summary')"
    )
    assert summary.is_visible()
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    links = summary.locator("a")
    assert links.all_inner_texts() == [
        "Enter the reporting round, such as July 2025",
        "Enter the progress made",
        "Enter the responsible owner",
        "Select the status",
    ]
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_round",
        "#id_text",
        "#id_owner_1",
        "#id_status_0",
    ]
    assert history_count() == before

    # Some fields typed, others left empty: what was typed is kept.
    page.fill("#id_text", PROGRESS)
    page.fill("#id_target_text", NEW_TARGET)
    page.select_option("#id_revises_action", label="Yes, action 1 (currently January 2025)")
    page.fill("#id_revision_reason", REVISION_REASON)
    page.fill("#id_change_reason", CHANGE_REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    wait_for_frontend(page)
    page.wait_for_function(
        "document.activeElement === document.querySelector('.govuk-error-summary')"
    )
    assert page.title().startswith("Error: ")
    links = page.locator(".govuk-error-summary a")
    expected = {
        "#id_round": "Enter the reporting round, such as July 2025",
        "#id_owner_1": "Enter the responsible owner",
        "#id_status_0": "Select the status",
    }
    assert {
        links.nth(i).get_attribute("href"): links.nth(i).inner_text() for i in range(links.count())
    } == expected
    for href, message in expected.items():
        field_id = href[1:]
        group = page.locator(".govuk-form-group--error").filter(has=page.locator(f"#{field_id}"))
        assert group.count() == 1, f"{field_id} is not in an error form group"
        error = group.locator(".govuk-error-message")
        assert " ".join(error.text_content().split()) == f"Error: {message}"
        assert_visually_hidden(error.locator(".govuk-visually-hidden"), "Error:")
        error_id = error.get_attribute("id")
        described = page.evaluate(
            f"(document.getElementById({json.dumps(field_id)}).getAttribute('aria-describedby')"
            f" || '') + ' ' + (document.getElementById({json.dumps(field_id)}).closest("
            "'fieldset')?.getAttribute('aria-describedby') || '')"
        )
        assert error_id in described.split(), f"#{field_id} is not described by its error"

        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.get_by_role("link", name=message, exact=True).click()
        page.wait_for_function(f"document.activeElement.id === {json.dumps(field_id)}")
        # GOV.UK Frontend scrolls the question (the legend, or the label) into view too.
        assert page.evaluate(LABEL_IN_VIEW, field_id), f"the question for #{field_id} is hidden"

    assert page.input_value("#id_text") == PROGRESS
    assert page.input_value("#id_target_text") == NEW_TARGET
    assert page.input_value("#id_revision_reason") == REVISION_REASON
    assert page.input_value("#id_change_reason") == CHANGE_REASON
    assert page.input_value("#id_revises_action") == str(rec.actions.get().pk)
    assert page.input_value("#id_round") == ""
    assert history_count() == before


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
