"""The web processes keep no state of their own: with the production settings, what one
process remembers between requests (sessions, the sign-in throttle's counts, the API
token rate limit, the cache) lives in the database, and the CSRF token in the browser's
cookie, so any number of processes on any number of machines can serve one user.

Each test plays two processes as two clients and shows the state is the database's:
clearing its table undoes what one client did to the other.
"""

import datetime
import re
import runpy

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from accounts.api_auth import ApiTokenRateThrottle
from accounts.models import Membership
from accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    # A folder is per machine unless shared, and then slower than the database.
    "django.core.cache.backends.filebased.FileBasedCache",
}
LOCKED = "You have entered the wrong details too many times"
TOKEN_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def production(monkeypatch) -> dict:
    """The production settings as they are read with no CACHE_URL in the environment."""
    monkeypatch.delenv("CACHE_URL", raising=False)
    return runpy.run_module("tracker.settings.production", run_name="production_settings")


@pytest.fixture
def production_cache(production):
    with override_settings(CACHES=production["CACHES"]):
        call_command("createcachetable", verbosity=0)
        yield caches["default"]


def forget_the_cache():
    """Empty the cache's table: what no process holds in its memory is gone."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(settings.CACHES['default']['LOCATION'])}"
        )


def test_production_keeps_nothing_in_the_process(production):
    backends = {alias: cache["BACKEND"] for alias, cache in production["CACHES"].items()}
    assert backends == {"default": "django.core.cache.backends.db.DatabaseCache"}
    assert not set(backends.values()) & PER_PROCESS_CACHES
    # Sessions in the database (Django's default engine), CSRF tokens in a cookie.
    assert production.get("SESSION_ENGINE", "django.contrib.sessions.backends.db") == (
        "django.contrib.sessions.backends.db"
    )
    assert not production.get("CSRF_USE_SESSIONS", False)
    # The API's rate limit counts in that same default cache.
    assert ApiTokenRateThrottle.cache is default_cache


def test_failed_sign_ins_in_one_process_lock_the_account_in_another(
    production_cache, django_user_model
):
    django_user_model.objects.create_user("editor", password="right-password")
    first, second = Client(), Client()

    # Given five wrong passwords for "editor" sent to one process
    for n in range(5):
        first.post(
            "/accounts/login/",
            {"username": "editor", "password": f"wrong-{n}"},
            REMOTE_ADDR="198.51.100.7",
        )

    # When the right one comes to another process, from another address
    refused = second.post(
        "/accounts/login/",
        {"username": "editor", "password": "right-password"},
        REMOTE_ADDR="203.0.113.9",
    )

    # Then it is refused: the count was kept where both processes read it
    assert refused.status_code == 200
    assert LOCKED in refused.content.decode()

    # And it was kept in the database's cache table, nowhere else
    forget_the_cache()
    allowed = second.post(
        "/accounts/login/",
        {"username": "editor", "password": "right-password"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert allowed.status_code == 302


@override_settings(API_TOKEN_RATE="3/minute")
def test_a_tokens_requests_are_counted_across_processes(production_cache, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer", password="pw")
    Membership.objects.create(user=reviewer, role=Membership.Role.REVIEWER)
    _token, secret = api_token_create(
        user=reviewer, name="t", expires_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    headers = {"Authorization": f"Bearer {secret}"}
    first, second = Client(headers=headers), Client(headers=headers)

    # Given a token's three requests a minute spent on one process
    assert [first.get("/api/v1/plans/").status_code for _ in range(3)] == [200] * 3

    # Then another process refuses the fourth
    assert second.get("/api/v1/plans/").status_code == 429

    # And the count lived in the database's cache table
    forget_the_cache()
    assert second.get("/api/v1/plans/").status_code == 200


def test_a_session_and_its_csrf_token_from_one_process_work_in_another(
    production_cache, django_user_model
):
    django_user_model.objects.create_user("editor", password="right-password")
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)

    # Given the sign-in form served by one process
    form = first.get("/accounts/login/")
    token = TOKEN_CSRF.search(form.content.decode()).group(1)

    # When the browser posts it to another process, with the cookies the first set
    second.cookies = first.cookies
    signed_in = second.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "editor", "password": "right-password"},
    )

    # Then the second accepts the token and signs in, and the first knows the session
    assert signed_in.status_code == 302
    first.cookies = second.cookies
    assert first.get("/plans/").status_code == 200

    # And the session is the database's: deleting its row signs the browser out everywhere
    Session.objects.all().delete()
    assert first.get("/plans/").status_code == 302
    assert second.get("/plans/").status_code == 302
