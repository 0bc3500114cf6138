"""axe-core on every page type, as each role that may see it: WCAG 2.0, 2.1 and 2.2 A and
AA, and axe's best practices. Any violation fails the test with a readable list.

These tests only read (the one that saves a progress update runs last and only adds to
the plan), so they share one seeded database for the module instead of loading the seed
for each test (about 30 tests, 1-2 s of loading each): the seed and the role users are
committed once, served by pytest-django's LiveServer (the class behind its `live_server`
fixture; its own instance here, because requesting `live_server` makes every test
transactional, which flushes the seed after each one), and flushed when the module ends.
"""

from dataclasses import dataclass, field

import pytest
from django.core.management import call_command

from tests.browser.conftest import (
    AXE,
    SEED_SLUG,
    clear_caches,
    close_page,
    goto,
    open_page,
    wait_for_frontend,
)

# django_db: so that pytest-django sets up the test database for this module even when
# it runs alone; each test's transaction only wraps what the test itself does.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# One exception, on purpose and no wider than it must be: the best-practice rule
# `region` ("all content in landmarks") flags GOV.UK's back link, which the Design
# System places before <main> so that the skip link skips it
# (design-system.service.gov.uk/components/back-link/; alphagov/govuk-frontend#1604 and
# #6460: flagged since 2019, downgraded by axe to best practice, kept by GOV.UK). That
# node alone is dropped from `region`'s results; `region` still checks everything else.
ALLOWED_OUTSIDE_LANDMARKS = "a.govuk-back-link"


@dataclass
class SharedSite:
    url: str
    paths: dict[str, str]
    sessions: dict[str, str] = field(default_factory=dict)
    session_cookie: str = "sessionid"


def _make_people():
    """The role users, made as tests/conftest.py's `people` fixture makes them."""
    from tests.factories import make_role_users

    users = make_role_users()
    del users["anonymous"]
    return users


def _paths():
    from recommendations.models import ActionPlan, Recommendation

    plan = ActionPlan.objects.get(slug=SEED_SLUG)
    rec = Recommendation.objects.get(group__plan=plan, reference="6")
    action = rec.actions.get()
    published = plan.milestones.get(kind="report_published")
    term = plan.categorisation.get(term="partly_agreed")
    body = plan.bodies.first()
    base = f"/plans/{SEED_SLUG}/"
    return {
        "sign-in": "/accounts/login/",
        "dashboard": "/",
        "plan-list": "/plans/",
        "plan-detail": base,
        "recommendation-detail": f"{base}recommendations/{rec.pk}/",
        "owner-list": "/owners/",
        "owner-detail": f"/owners/{action.owners.first().pk}/",
        "plan-create": "/plans/new/",
        "group-add": f"{base}groups/new/",
        "recommendation-add": f"{base}groups/{rec.group.pk}/recommendations/new/",
        "recommendation-edit": f"{base}recommendations/{rec.pk}/edit/",
        "action-add": f"{base}recommendations/{rec.pk}/actions/new/",
        "action-edit": f"{base}recommendations/{rec.pk}/actions/{action.pk}/edit/",
        "progress-add": f"{base}recommendations/{rec.pk}/progress/new/",
        "progress-edit": f"{base}recommendations/{rec.pk}/progress/"
        f"{rec.progress_updates.order_by('id').first().pk}/edit/",
        "action-target-revise": f"{base}recommendations/{rec.pk}/actions/{action.pk}/target/",
        "action-baseline-correct": f"{base}recommendations/{rec.pk}/actions/{action.pk}/baseline/",
        "plan-submit": f"{base}submit/",
        "plan-history": f"{base}history/",
        "recommendation-history": f"{base}recommendations/{rec.pk}/history/",
        "plan-compare": f"{base}compare/",
        "plan-compare-dates": f"{base}compare/?old_date_day=1&old_date_month=9"
        "&old_date_year=2023&new_date_day=1&new_date_month=9&new_date_year=2024",
        "round-start": f"{base}rounds/new/",
        "round-detail": f"{base}rounds/{plan.rounds.get().pk}/",
        "round-submit": f"{base}rounds/{plan.rounds.get().pk}/submit/",
        "slippage-report": "/reports/slippage/",
        "plan-downloads": f"{base}downloads/",
        "archive-confirm": f"{base}action/{action.pk}/archive/",
        "archived-list": "/archive/",
        "front-matter": f"{base}front-matter/",
        "report-edit": f"{base}front-matter/report/",
        "plan-edit": f"{base}front-matter/plan/",
        "plan-bodies-edit": f"{base}front-matter/bodies/",
        "milestone-add": f"{base}milestones/new/",
        "milestone-edit": f"{base}milestones/{published.pk}/edit/",
        "categorisation-edit": f"{base}categorisation/{term.pk}/edit/",
        "group-edit": f"{base}groups/{rec.group.pk}/edit/",
        "group-archive": f"{base}group/{rec.group.pk}/archive/",
        "body-list": "/bodies/",
        "body-add": "/bodies/new/",
        "body-edit": f"/bodies/{body.pk}/edit/",
        "check-file": "/check/",
        "plan-owners": f"{base}owners/",
        "owner-contact-add": f"{base}owners/{action.owners.first().pk}/contacts/new/",
        "message-list": "/messages/",
        "email-preferences": "/accounts/email-preferences/",
        "not-found": "/plans/no-such-plan/",
    }


def _bounced_contact():
    """A contact whose email bounced: the messages page's banner and tag, and the flag
    on the owners' contacts page, are checked too."""
    import uuid

    from django.utils import timezone

    from recommendations.models import Message, Owner, OwnerContact

    owner = Owner.objects.filter(actions__recommendation__group__plan__slug=SEED_SLUG).first()
    OwnerContact.objects.create(owner=owner, email="gone@example.gov.uk")
    Message.objects.create(
        key="overdue:bounced",
        kind="overdue",
        recipient="gone@example.gov.uk",
        subject="1 action overdue",
        body="Recommendation 6, action 1.",
        status="bounced",
        attempts=1,
        provider_reference=str(uuid.uuid4()),
        sent_at=timezone.now(),
        delivery_status="permanent-failure",
        delivery_checked_at=timezone.now(),
        last_error="Notify: permanent-failure: the address does not exist",
    )


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker, built_assets):
    from django.conf import settings
    from django.test import Client
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        from django.db import connection

        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        call_command("load_plan", verbosity=0)
        _bounced_contact()
        users = _make_people()
        site_paths = _paths()
        sessions = {}
        for username, user in users.items():
            client = Client()
            client.force_login(user)
            sessions[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield SharedSite(
                url=server.url,
                paths=site_paths,
                sessions=sessions,
                session_cookie=settings.SESSION_COOKIE_NAME,
            )
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def axe_page(browser, shared_site):
    # The app's Content Security Policy would refuse axe-core's inline <script>.
    clear_caches()
    page = open_page(browser, shared_site.url, bypass_csp=True)
    yield page
    close_page(page)


def _submit_empty(page, button):
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    wait_for_frontend(page)
    assert page.title().startswith("Error: "), page.title()


def _progress_errors(page):
    page.fill("#id_round", "")
    _submit_empty(page, "Save")


def _submit_empty_save(page):
    _submit_empty(page, "Save")


def _contact_errors(page):
    _submit_empty(page, "Add contact")


def _plan_create_errors(page):
    _submit_empty(page, "Create the plan")


def _check_file_errors(page):
    _submit_empty(page, "Check the file")


def _check_file_matched(page):
    # Downloaded as the reader would, with the page's own session: no database access here.
    pdf = page.request.get(
        page.url.replace("/check/", f"/plans/{SEED_SLUG}/publication.pdf"),
        params={"submission": "1"},
    ).body()
    page.set_input_files(
        "#id_file", files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file", exact=True).click()
    wait_for_frontend(page)
    page.wait_for_selector("#check-result")


def _milestone_errors(page):
    page.fill("#id_label", "")
    page.fill("#id_date_0", "40")
    _submit_empty(page, "Save")


def _sign_in_errors(page):
    page.fill("#id_username", "editor")
    page.fill("#id_password", "wrong password")
    _submit_empty(page, "Sign in")


def _another_owner(page):
    page.fill("#id_owner_1", "Deputy Director Joint Extremism Unit (JEXU)")
    with page.expect_navigation():
        page.get_by_role("button", name="Add another owner", exact=True).click()
    wait_for_frontend(page)
    page.wait_for_selector("#id_owner_2")


def _progress_saved(page):
    page.fill("#id_round", "July 2025")
    page.fill("#id_text", "Accessibility check: progress saved.")
    page.fill("#id_owner_1", "Deputy Director Joint Extremism Unit (JEXU)")
    page.get_by_label("In progress", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    wait_for_frontend(page)


READERS = ["editor", "reviewer"]
READ_PAGES = [
    "dashboard",
    "plan-list",
    "plan-detail",
    "recommendation-detail",
    "owner-list",
    "owner-detail",
    "plan-history",
    "recommendation-history",
    "plan-compare",
    "plan-compare-dates",
    "slippage-report",
    "plan-downloads",
    "check-file",
]
FORM_PAGES = [
    "plan-create",
    "group-add",
    "recommendation-add",
    "recommendation-edit",
    "action-add",
    "action-edit",
    "progress-add",
    "progress-edit",
    "action-target-revise",
    "plan-submit",
    "archive-confirm",
    "front-matter",
    "report-edit",
    "plan-edit",
    "plan-bodies-edit",
    "milestone-add",
    "milestone-edit",
    "categorisation-edit",
    "group-edit",
    "group-archive",
    "round-start",
    "round-detail",
    "round-submit",
    "plan-owners",
    "owner-contact-add",
    "email-preferences",
]
ADMIN_PAGES = ["body-list", "body-add", "body-edit", "action-baseline-correct", "message-list"]
# (test id, page, roles, expected status, what to do on the page before axe runs)
PAGES = [
    ("sign-in", "sign-in", ["anonymous"], 200, None),
    ("sign-in-errors", "sign-in", ["anonymous"], 200, _sign_in_errors),
    *[(name, name, READERS, 200, None) for name in READ_PAGES],
    *[(name, name, ["editor"], 200, None) for name in FORM_PAGES],
    ("progress-add-errors", "progress-add", ["editor"], 200, _progress_errors),
    ("plan-create-errors", "plan-create", ["editor"], 200, _plan_create_errors),
    ("action-add-another-owner", "action-add", ["editor"], 200, _another_owner),
    ("target-revise-errors", "action-target-revise", ["editor"], 200, _submit_empty_save),
    ("check-file-errors", "check-file", ["reviewer"], 200, _check_file_errors),
    ("check-file-matched", "check-file", ["reviewer"], 200, _check_file_matched),
    ("archived-list", "archived-list", ["admin"], 200, None),
    *[(name, name, ["admin"], 200, None) for name in ADMIN_PAGES],
    ("milestone-edit-errors", "milestone-edit", ["editor"], 200, _milestone_errors),
    ("owner-contact-errors", "owner-contact-add", ["editor"], 200, _contact_errors),
    ("forbidden", "progress-add", ["reviewer"], 403, None),
    ("not-found", "not-found", READERS, 404, None),
    # Last: it saves (a new round on recommendation 6), then checks the success banner.
    ("progress-saved", "progress-add", ["editor"], 200, _progress_saved),
]
CASES = [
    pytest.param(name, path_name, role, status, action, id=f"{name}-{role}")
    for name, path_name, roles, status, action in PAGES
    for role in roles
]

RUN_AXE = """async ([tags, allowedOutsideLandmarks]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const allowed = (rule, node) => rule.id === 'region' && node.target.length === 1
    && document.querySelector(node.target[0])?.matches(allowedOutsideLandmarks)
    && !document.querySelector(node.target[0]).closest('main');
  return results.violations
    .map(v => ({...v, nodes: v.nodes.filter(n => !allowed(v, n))}))
    .filter(v => v.nodes.length)
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                summary: n.failureSummary}))
    }));
}"""


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, [AXE_TAGS, ALLOWED_OUTSIDE_LANDMARKS])


def describe(violations, where) -> str:
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html']}")
            for detail in node["summary"].splitlines():
                lines.append(f"       {detail}")
    return "\n".join(lines)


def signed_in_as(page, shared_site, role):
    page.context.add_cookies(
        [
            {
                "name": shared_site.session_cookie,
                "value": shared_site.sessions[role],
                "url": shared_site.url,
            }
        ]
    )


@pytest.mark.parametrize("name, path_name, role, status, action", CASES)
def test_page_has_no_axe_violations(axe_page, shared_site, name, path_name, role, status, action):
    """Given a user in this role, when they open the page (and do what the case says),
    then axe-core finds no violation of WCAG 2.2 AA or its best practices."""
    page = axe_page
    if role != "anonymous":
        signed_in_as(page, shared_site, role)
    response = goto(page, shared_site.paths[path_name])
    assert response.status == status, f"{path_name} as {role}: {response.status}"
    if action:
        action(page)

    violations = run_axe(page)

    where = f"{page.url} as {role} ({name})"
    assert not violations, describe(violations, where)


# The colours a chart's parts are drawn in: its own, its bars' fills and outlines (a
# pattern's outline is currentColor too) and its words'.
CHART_COLOURS = """() => [...document.querySelectorAll('svg.app-chart')].map(svg => ({
  chart: getComputedStyle(svg).color,
  bars: [...new Set([...svg.querySelectorAll('rect.app-chart__bar')].map(rect =>
    getComputedStyle(rect).fill.startsWith('url(') ? getComputedStyle(rect).stroke
                                                   : getComputedStyle(rect).fill))],
  words: [...new Set([...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fill))],
}))"""


def test_the_dashboards_charts_in_forced_colours(axe_page, shared_site):
    """Given a forced-colours (high contrast) mode, when a reviewer opens the dashboard,
    then each chart draws its bars and its words in the system's text colour, the colour
    of the page's heading, and axe-core finds no violation."""
    page = axe_page
    signed_in_as(page, shared_site, "reviewer")
    page.emulate_media(forced_colors="active")
    goto(page, shared_site.paths["dashboard"])
    heading = page.evaluate("() => getComputedStyle(document.querySelector('h1')).color")

    charts = page.evaluate(CHART_COLOURS)

    assert len(charts) == 4
    for chart in charts:
        assert chart == {"chart": heading, "bars": [heading], "words": [heading]}, chart
    violations = run_axe(page)
    assert not violations, describe(violations, f"{page.url} in forced colours")
