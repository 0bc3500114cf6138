"""Browser journey: the progress form's errors follow the GOV.UK error pattern."""

import json

import pytest

from tests.browser.conftest import goto, sign_in, wait_for_frontend
from tests.browser.journey_support import (
    CHANGE_REASON,
    NEW_TARGET,
    PROGRESS,
    REVISION_REASON,
    assert_visually_hidden,
    history_count,
    progress_url,
    rec6,
)

pytestmark = pytest.mark.browser


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
