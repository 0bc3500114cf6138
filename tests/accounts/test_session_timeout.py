"""Sessions end after a period without requests; signed-in pages warn before they do."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_sessions_last_thirty_minutes_from_the_last_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


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
    assert "dataset.timeoutSeconds" in script and "showModal" in script
    assert '@use "timeout-warning";' in (ROOT / "static/scss/application.scss").read_text()


def test_keep_alive_renews_a_signed_in_session(client, editor):
    client.force_login(editor)
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
