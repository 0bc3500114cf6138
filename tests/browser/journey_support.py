"""What the browser journeys share: the seed plan's journey data, where its pages are, and
what a journey checks on them (the success banner, the revised target, no edit controls).
"""

import datetime
import re

from django.apps import apps

from recommendations.models import Recommendation
from tests.browser.conftest import goto, wait_for_frontend

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
