"""Fixtures for the browser journeys: headless Chromium (Debian's, never a downloaded one)
started once per test module, Django's live server with the seed plan and one user per
role, and a fresh browser context (no cookies) for every test.

Data: the journeys (test_journey_*.py) use `live_server`, which makes pytest-django give
each test a transactional database (the server thread must see what the test writes,
and the other way round). `seed_plan` and `people` (tests/conftest.py) ask for `db`,
which becomes the transactional database when `transactional_db` or `live_server` is
also requested, so the seed is loaded with the documented `load_plan` command for each
test and flushed after it. The accessibility checks only read, and share one load
(see test_accessibility.py).

Run: .venv/bin/python -m pytest -q tests/browser   (DATABASE_URL=postgres://... for
PostgreSQL). Every test is marked `browser`: -m "not browser" leaves them out.
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop running in the test's thread from
# start() to stop(); Django refuses ORM calls from a thread with a running loop unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set. It is safe here: the test thread only reads and writes
# while the browser waits. The `browser` fixture sets it for exactly as long as Playwright
# runs, not for the whole pytest process: subprocesses inherit the environment, and
# `manage.py check --deploy` (tests/tracker/test_settings.py) fails with async.E001 when
# it is set. For the same reason the browser lives per module, not per session: while
# Playwright runs, every ORM call in this thread needs the variable, other modules' too.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_ASSETS = [
    ROOT / "static" / "css" / "application.css",
    ROOT / "static" / "vendor" / "govuk-frontend" / "govuk-frontend.min.js",
    ROOT / "static" / "vendor" / "moj-frontend" / "moj-frontend.min.js",
    AXE,
]
SEED_SLUG = "ct-joint-inspection-2023"
PASSWORD = "pw"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_assets():
    """The compiled CSS, the GOV.UK and MOJ Frontend bundles and axe-core: built once if
    any is missing (scripts/build-assets is quick when node_modules is there)."""
    if not all(path.exists() for path in BUILT_ASSETS):
        if shutil.which("npm") is None or shutil.which("node") is None:
            _unavailable("Front-end assets are not built and Node.js is not installed")
        subprocess.run([str(ROOT / "scripts" / "build-assets")], cwd=ROOT, check=True)
    missing = [str(path.relative_to(ROOT)) for path in BUILT_ASSETS if not path.exists()]
    assert not missing, f"scripts/build-assets did not produce {missing}"


@pytest.fixture(scope="module")
def browser(built_assets):
    """Headless Chromium, one per test module (see ASYNC_UNSAFE above)."""
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium (scripts/system-deps)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@dataclass
class Site:
    """What a journey needs: the server's address, the seed plan and the users by role."""

    url: str
    plan: object
    people: dict

    def at(self, path: str) -> str:
        return self.url + path

    @property
    def plan_path(self) -> str:
        return f"/plans/{self.plan.slug}/"


@pytest.fixture
def live_seed(live_server, transactional_db, seed_plan, people) -> Site:
    """The live server with the seed plan loaded through `load_plan` and the role users
    of tests/conftest.py (password "pw"). Tests that need no data (the sign-in page)
    ask for `page` alone and skip the load."""
    return Site(url=live_server.url, plan=seed_plan, people=people)


def open_page(browser, base_url, *, bypass_csp=False):
    """A page in a fresh context (no cookies), 1280x900, that records in `page.problems`
    JavaScript errors, Content Security Policy refusals and static files that failed to
    load. `bypass_csp` only for injecting test tools (axe-core) as an inline script."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, bypass_csp=bypass_csp)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"Console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    page.problems = problems
    return page


def close_page(page):
    page.context.close()
    assert not page.problems, "The browser reported problems:\n" + "\n".join(page.problems)


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A fresh page on the live server; fails the test if the page threw a JavaScript
    error, broke the Content Security Policy, or a static file did not load."""
    clear_caches()
    page = open_page(browser, live_server.url)
    yield page
    close_page(page)


def clear_caches():
    """Start from empty caches: the server runs in this process, so what earlier tests
    left there (the sign-in throttle's counts of failed sign-ins, for one) would carry
    over."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


# Helpers shared by the test modules ------------------------------------------------------


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page with the mouse and keyboard as a user would."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    wait_for_frontend(page)
    assert "/accounts/login/" not in page.url, f"Sign-in as {username} failed: {page.url}"
    assert page.get_by_text(f"Signed in as {username}").is_visible()


def wait_for_frontend(page) -> None:
    """GOV.UK Frontend has initialised this page: it marks each component it starts,
    and every page has the skip link."""
    page.wait_for_selector(".govuk-skip-link[data-govuk-skip-link-init]", state="attached")


def goto(page, path: str):
    """Open a page and wait for GOV.UK Frontend; returns the response."""
    response = page.goto(path)
    wait_for_frontend(page)
    return response
