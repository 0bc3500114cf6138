"""The session timeout warning in a real browser: it opens two minutes before the
server ends the session, "Stay signed in" renews the session, and doing nothing signs
the user out onto a page that says why.

The timeout is shortened per test (pytest-django's `settings` changes them in this
process, where the live server runs), so that the warning is due within seconds.
"""

import datetime
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import RENEWED_AT
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

DIALOG = "#app-timeout-warning"


def only_session() -> Session:
    return Session.objects.get()


def test_stay_signed_in_renews_the_session(page, live_seed, settings):
    """Given a 130-second session (the warning opens at 120 seconds left, less a
    5-second margin) when the editor signs in, then within a few seconds the modal
    warning opens with the countdown and focus; "Stay signed in" closes it and
    restarts the session's timeout on the server."""
    settings.SESSION_COOKIE_AGE = 130
    sign_in(page, "editor")

    page.wait_for_selector(f"{DIALOG}[open]", timeout=15_000)
    dialog = page.locator(DIALOG)
    assert dialog.get_by_role("heading", name="You’re about to be signed out").is_visible()
    assert "we will sign you out in" in dialog.inner_text()
    assert page.evaluate("document.activeElement.id") == "app-timeout-warning"

    soon = timezone.now() + datetime.timedelta(seconds=20)
    Session.objects.update(expire_date=soon)
    page.get_by_role("button", name="Stay signed in").click()

    page.wait_for_selector(f"{DIALOG}:not([open])", state="attached")
    assert only_session().expire_date > soon + datetime.timedelta(seconds=90)


def test_the_warning_counts_from_the_servers_last_renewal(page, live_seed, settings):
    """Given a 200-second session that the server last renewed 80 seconds ago (and will
    not renew again on the next page: the renewal interval is long), when the editor
    opens a page, then the warning opens at once, as 120 seconds are left: the page
    counts from the server's renewal, not from its own request."""
    settings.SESSION_COOKIE_AGE = 200
    sign_in(page, "editor")
    settings.SESSION_RENEW_AFTER_SECONDS = 1000
    store = SessionStore(only_session().session_key)
    store[RENEWED_AT] = int(time.time()) - 80
    store.save()
    page.evaluate("window.localStorage.clear()")

    page.goto(live_seed.plan_path)

    left = int(page.locator(DIALOG).get_attribute("data-seconds-left"))
    assert 110 <= left <= 120
    page.wait_for_selector(f"{DIALOG}[open]", timeout=5_000)


def test_doing_nothing_signs_out_and_says_why(page, live_seed, settings):
    """Given an 8-second session, when the editor signs in and does nothing, then the
    warning opens at once, and a few seconds later they are signed out (on the server
    too) and shown why."""
    settings.SESSION_COOKIE_AGE = 8
    sign_in(page, "editor")

    page.wait_for_selector(f"{DIALOG}[open]", timeout=5_000)
    page.wait_for_url("**/accounts/signed-out/", timeout=15_000)

    assert page.get_by_role("heading", name="For your security, we signed you out").is_visible()
    assert not Session.objects.filter(expire_date__gt=timezone.now()).exists()
