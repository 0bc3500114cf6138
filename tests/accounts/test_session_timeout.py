"""Sessions end after a period without requests; signed-in pages warn before they do."""

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions import RENEWED_AT

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_sessions_last_thirty_minutes_renewed_at_most_once_a_minute():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_RENEW_AFTER_SECONDS == 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def signed_in_session(client, user, *, renewed_seconds_ago: int) -> Session:
    """A signed-in session whose timeout last started the given time ago."""
    client.force_login(user)
    client.get("/")  # the first request renews it
    session = client.session
    session[RENEWED_AT] = int(time.time()) - renewed_seconds_ago
    session.save()
    expires = timezone.now() + datetime.timedelta(seconds=1800 - renewed_seconds_ago)
    Session.objects.filter(pk=session.session_key).update(expire_date=expires)
    return Session.objects.get(pk=session.session_key)


def test_a_request_renews_a_session_last_renewed_over_a_minute_ago(client, editor):
    before = signed_in_session(client, editor, renewed_seconds_ago=90)

    client.get("/")

    after = Session.objects.get(pk=before.pk)
    assert after.expire_date > before.expire_date + datetime.timedelta(seconds=80)
    assert after.get_decoded()[RENEWED_AT] >= int(time.time()) - 5


def test_a_request_within_a_minute_of_the_renewal_writes_nothing(client, editor):
    before = signed_in_session(client, editor, renewed_seconds_ago=30)

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200

    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(pk=before.pk).expire_date == before.expire_date


def test_the_page_says_how_long_the_session_has_left(client, editor):
    signed_in_session(client, editor, renewed_seconds_ago=45)
    html = client.get("/").content.decode()
    left = int(re.search(r'data-seconds-left="(\d+)"', html).group(1))
    assert 1800 - 45 - 5 <= left <= 1800 - 45
    assert 'data-timeout-seconds="1800"' in html


def test_a_session_not_renewed_for_the_timeout_has_ended(client, editor):
    before = signed_in_session(client, editor, renewed_seconds_ago=1790)
    Session.objects.filter(pk=before.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_timeout_comes_from_the_environment():
    env = {**os.environ, "SESSION_TIMEOUT_MINUTES": "10"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "600", result.stderr


def test_signed_in_pages_carry_the_timeout_warning(client, editor):
    client.force_login(editor)
    html = client.get("/").content.decode()
    start = html.index('<dialog class="app-timeout-warning"')
    dialog = html[start : html.index("</dialog>", start)]
    assert 'role="dialog"' in dialog
    assert 'aria-modal="true"' in dialog
    assert 'aria-labelledby="app-timeout-warning-heading"' in dialog
    assert 'data-timeout-seconds="1800"' in dialog
    assert 'data-seconds-left="1800"' in dialog  # renewed by this very request
    assert 'data-warning-seconds="120"' in dialog
    assert 'data-keep-alive-url="/accounts/keep-alive/"' in dialog
    assert 'data-timed-out-url="/accounts/signed-out/"' in dialog
    assert "You’re about to be signed out" in dialog
    assert 'aria-live="polite"' in dialog
    assert ">Stay signed in</button>" in dialog
    assert ">Sign out</button>" in dialog
    assert 'action="/accounts/logout/"' in dialog and "csrfmiddlewaretoken" in dialog
    assert 'src="/static/js/timeout-warning.js"' in html
    assert "<script>" not in html  # nothing inline but the nonce'd snippet


def test_signed_out_pages_have_no_warning(client):
    html = client.get("/accounts/login/").content.decode()
    assert "app-timeout-warning" not in html
    assert "timeout-warning.js" not in html


def test_the_warning_script_and_styles_are_in_place():
    script = (ROOT / "static/js/timeout-warning.js").read_text()
    assert "dataset.timeoutSeconds" in script and "dataset.secondsLeft" in script
    assert "showModal" in script
    assert '@use "timeout-warning";' in (ROOT / "static/scss/application.scss").read_text()


def test_keep_alive_renews_a_signed_in_session(client, editor):
    # Renewed seconds ago, so only "Stay signed in" itself renews it.
    signed_in_session(client, editor, renewed_seconds_ago=10)
    soon = timezone.now() + datetime.timedelta(minutes=1)
    Session.objects.update(expire_date=soon)

    response = client.get("/accounts/keep-alive/")

    assert response.status_code == 204
    assert "no-cache" in response["Cache-Control"]
    assert Session.objects.get().expire_date > soon + datetime.timedelta(minutes=25)


def test_keep_alive_without_a_session_says_so_rather_than_redirecting(client):
    assert client.get("/accounts/keep-alive/").status_code == 401


def test_keep_alive_is_get_only(client, editor):
    client.force_login(editor)
    assert client.post("/accounts/keep-alive/").status_code == 405


def test_the_signed_out_page_says_why(client):
    response = client.get("/accounts/signed-out/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "For your security, we signed you out" in html
    assert "30 minutes" in html
    assert 'href="/accounts/login/"' in html
