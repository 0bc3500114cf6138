"""While the database cannot be reached, every request gets GOV.UK's "Sorry, the
service is unavailable" page (503, `Retry-After`), or for the API a JSON 503, never a
traceback; once the database is back the service answers again by itself.

The first tests raise a real OperationalError in-process (a PostgreSQL connection to a
port where nothing listens), from a view and from a middleware. The last runs the
service under gunicorn with the production settings, its database connection through a
TCP proxy that is cut and restored while a signed-in user keeps asking for pages.
"""

import json
import logging
import os
import re
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client, override_settings

from tests.factories import make_role_users
from tests.tracker.outage_support import TcpProxy, closed_port

UNAVAILABLE = "Sorry, the service is unavailable"
API_UNAVAILABLE = {"detail": "The service is unavailable. Try again shortly."}


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert heading(response) == UNAVAILABLE
    html = response.content.decode()
    assert "You will be able to use the service later." in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert "Signed in as" not in html


@pytest.fixture
def browser():
    # A browser sees the answer Django gives; the test client would re-raise instead.
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.urls("tests.tracker.outage_support")
def test_a_view_that_cannot_reach_the_database_answers_with_the_unavailable_page(browser, caplog):
    # Given a page whose view queries a database that is not there
    # When someone asks for it
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = browser.get("/outage/view-reads/")

    # Then they get GOV.UK's service unavailable page, and the error is logged with its cause
    assert_unavailable_page(response)
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert isinstance(record.exc_info[1], OperationalError)


@pytest.mark.django_db
@pytest.mark.urls("tests.tracker.outage_support")
def test_a_middleware_that_cannot_reach_the_database_answers_with_the_unavailable_page(
    browser,
):
    # Given a middleware after the session middleware that queries the missing database
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
        "tests.tracker.outage_support.MiddlewareReadingTheDatabase",
    )
    with override_settings(MIDDLEWARE=middleware):
        # When a request passes through it
        response = browser.get("/outage/middleware-reads/")

    # Then the answer is the unavailable page, not the view's (which would be a 500)
    assert_unavailable_page(response)


@pytest.mark.django_db
@pytest.mark.urls("tests.tracker.outage_support")
def test_the_api_answers_json_when_the_database_cannot_be_reached(browser):
    response = browser.get("/api/v1/outage/view-reads/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == API_UNAVAILABLE


@pytest.mark.django_db
@pytest.mark.urls("tests.tracker.outage_support")
def test_any_other_fault_is_still_a_problem_with_the_service(browser):
    response = browser.get("/outage/fault/")

    assert response.status_code == 500
    assert heading(response) == "Sorry, there is a problem with the service"
    assert "Retry-After" not in response


# --- The service under gunicorn, its database cut and restored ----------------------------

SERVER_SETTINGS = """
from tracker.settings.production import *  # noqa: F403

# As production, but over plain HTTP on loopback, without collected static files, with
# the test suite's fast password hasher (the test made the users).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "sessionid", "csrftoken"
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


@pytest.fixture
def proxied_server(tmp_path, live_database):
    """Gunicorn with the production settings, its database behind a TCP proxy."""
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    proxy.start()
    (tmp_path / "outage_settings.py").write_text(SERVER_SETTINGS)
    port = closed_port()
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(settings.BASE_DIR)]),
        "DJANGO_SETTINGS_MODULE": "outage_settings",
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-secret-key-0123456789-0123456789-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{proxy.port}/{db['NAME']}",
        "CACHE_URL": "dbcache://django_cache",
    }
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30"]
        + ["--error-logfile", str(log)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: get(base + "/accounts/login/").status_code == 200, 60, server, log)
        yield base, proxy
    finally:
        proxy.cut()
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def live_database(transactional_db):
    """Users and the cache table committed, so that the server process sees them."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "the outage is a PostgreSQL server going away: run with DATABASE_URL=postgres://"
        )
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "django_cache",
            }
        }
    ):
        call_command("createcachetable", verbosity=0)
    return make_role_users()


def get(url, session=None):
    try:
        return (session or requests).get(url, timeout=10, allow_redirects=False)
    except requests.ConnectionError:
        return requests.Response()


def wait_for(condition, seconds, server=None, log=None) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if server is not None and server.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()[-3000:]}")
        if condition():
            return time.monotonic() - started
        time.sleep(0.25)
    pytest.fail(f"not within {seconds} s" + (f": {log.read_text()[-3000:]}" if log else ""))


def sign_in(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base + "/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        base + "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": "editor", "password": "pw"},
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session


def test_the_service_answers_unavailable_during_a_database_outage_and_recovers_by_itself(
    proxied_server,
):
    base, proxy = proxied_server
    # Given an editor signed in, reading the plans (the server keeps its connection open)
    session = sign_in(base)
    assert get(base + "/plans/", session).status_code == 200

    # When the database goes away
    proxy.cut()

    # Then pages answer with GOV.UK's service unavailable page (the session could not
    # even be read), and the API with JSON, never a traceback
    for _ in range(3):
        assert_unavailable_page(DjangoLike(get(base + "/plans/", session)))
    api = get(base + "/api/v1/plans/", session)
    assert api.status_code == 503
    assert api.headers["Retry-After"] == "10"
    assert api.json() == API_UNAVAILABLE

    # When the database is back, the service answers again within 10 seconds by
    # itself, and the editor is still signed in
    proxy.start()
    wait_for(lambda: get(base + "/plans/", session).status_code == 200, 10)
    assert "Signed in as editor" in get(base + "/plans/", session).text


class DjangoLike:
    """A requests response read as the in-process tests read Django's."""

    def __init__(self, response: requests.Response):
        self.status_code = response.status_code
        self.content = response.content
        self._headers = response.headers

    def __getitem__(self, name):
        return self._headers[name]

    def __contains__(self, name):
        return name in self._headers
