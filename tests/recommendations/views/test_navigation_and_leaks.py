"""Every section is reachable from the service navigation for the roles that may use it,
and no page names what belongs to a version its reader may not read."""

import re

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

SECTIONS = ["Dashboard", "Action plans", "Owners", "Slipped and overdue", "Archive"]


def navigation(html: str) -> list[str]:
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    return [label for label in SECTIONS if f">{label}<" in nav]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("reviewer", ["Dashboard", "Action plans", "Owners", "Slipped and overdue"]),
        ("editor", ["Dashboard", "Action plans", "Owners", "Slipped and overdue"]),
        ("admin", SECTIONS),
    ],
)
def test_the_navigation_offers_each_role_its_sections(seed_plan, client_for, role, expected):
    html = client_for(role).get(reverse("recommendations:plan-list")).content.decode()
    assert navigation(html) == expected


def active_sections(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'govuk-service-navigation__item--active">\s*<a [^>]*aria-current="(\w+)"[^>]*>'
        r"<strong[^>]*>([^<]+)</strong>",
        html,
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/reports/slippage/", [("page", "Slipped and overdue")]),
        ("/reports/slippage/?show=due", [("page", "Slipped and overdue")]),
        # The dashboard is at "/", which starts every path: it is current only on itself.
        ("/", [("page", "Dashboard")]),
        ("/plans/", [("page", "Action plans")]),
        ("/plans/ct-joint-inspection-2023/", [("true", "Action plans")]),
        ("/owners/", [("page", "Owners")]),
    ],
)
def test_the_current_section_is_marked(seed_plan, client_for, url, expected):
    assert active_sections(client_for("reviewer").get(url).content.decode()) == expected


def test_every_section_linked_opens_for_that_role(seed_plan, client_for):
    client = client_for("admin")
    html = client.get(reverse("recommendations:plan-list")).content.decode()
    nav = html[html.index('id="navigation"') :]
    for url in re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', nav):
        assert client.get(url).status_code == 200, url


def test_an_owner_named_only_in_a_draft_is_hidden_from_reviewers(seed_plan, client_for):
    rec = Recommendation.objects.get(group__plan=seed_plan, reference="2")
    action = services.action_add(
        recommendation=rec,
        text="A drafted action.",
        owner_names=["Head of Draft Projects"],
        target_text="March 2027",
    )
    owner = action.owners.get()
    url = reverse("recommendations:owner-detail", args=[owner.pk])

    assert client_for("reviewer").get(url).status_code == 404
    assert client_for("other_editor").get(url).status_code == 404
    assert "Head of Draft Projects" not in (
        client_for("reviewer").get(reverse("recommendations:owner-list")).content.decode()
    )
    page = client_for("editor").get(url)
    assert page.status_code == 200
    assert "Head of Draft Projects" in page.content.decode()
