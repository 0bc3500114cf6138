"""Browser journeys: forged POSTs, by readers or without a CSRF token, get 403 and write nothing."""

import pytest

from recommendations.models import ProgressUpdate, ReportingRound
from tests.browser.conftest import goto, sign_in
from tests.browser.journey_support import ROUND, history_count, progress_url, rec6

pytestmark = pytest.mark.browser


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
        {
            "kind": "updated_plan_submitted",
            "label": "Forged",
            "date_day": "1",
            "date_month": "1",
            "date_year": "2026",
        },
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
