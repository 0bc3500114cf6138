"""The dashboard as a page: the signed-in home, its figures linked to the very rows they
count, and charts that are valid SVG saying the same numbers as their tables.

On the seed plan, 15 January 2025: 6 actions overdue, 1 due in the next 30 days, 6 with
target dates moved later by 54 months in all (worked out from the YAML in
tests/recommendations/selectors/test_dashboard.py)."""

import datetime
import html as htmllib
import re
import types
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.conftest import client_as

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 15)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def frozen_today(monkeypatch):
    """The dashboard and the slippage report see TODAY as today."""

    class FrozenDate(datetime.date):
        @classmethod
        def today(cls):
            return TODAY

    frozen = types.SimpleNamespace(date=FrozenDate, timedelta=datetime.timedelta)
    for module in ("recommendations.views.dashboard", "recommendations.views.review"):
        monkeypatch.setattr(f"{module}.datetime", frozen)
    return TODAY


@pytest.fixture
def page(seeded, frozen_today):
    return client_as(seeded, "reviewer").get("/").content.decode()


def text(fragment: str, tags: str = " ") -> str:
    """The words of some markup, each tag read as `tags`."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", tags, fragment)).split())


def headline(html: str, name: str) -> str:
    start = html.index(">", html.index(f'id="total-{name}"')) + 1
    return html[start : html.index('<p class="app-figure__hint"', start)]


def test_signing_in_lands_on_the_dashboard(seeded, client):
    response = client.post("/accounts/login/", {"username": "reviewer", "password": "pw"})
    assert response.status_code == 302 and response.url == "/"
    html = client.get(response.url).content.decode()
    assert '<h1 class="govuk-heading-l">Dashboard</h1>' in html
    assert "<title>Dashboard – Action plan tracker – GOV.UK</title>" in html


def test_the_plans_list_has_moved_to_plans(seeded):
    html = client_as(seeded, "reviewer").get("/plans/").content.decode()
    assert '<h1 class="govuk-heading-l">Action plans</h1>' in html
    assert reverse("recommendations:plan-list") == "/plans/"


def test_the_headline_figures_on_the_seed(page):
    assert "The actions of the 1 action plan you may read (41 actions)" in page
    assert "on 15 January 2025" in page
    plans = page[
        page.index('id="plans-counted"') : page.index("</ul>", page.index('id="plans-counted"'))
    ]
    assert re.findall(r'href="([^"]+)"', plans) == ["/plans/ct-joint-inspection-2023/"]
    assert text(headline(page, "overdue")).startswith("Overdue 6 actions overdue")
    assert text(headline(page, "due")).startswith("Due in the next 30 days 1 action due")
    assert text(headline(page, "moved")).startswith("Target dates moved 6 actions with")
    assert ">54 months slipped</a> in all" in page
    assert "ends by 14 February 2025" in page


def test_each_breakdown_has_a_chart_and_a_table(page):
    for key, title in [
        ("owner", "By owner"),
        ("body", "By responding body"),
        ("addressee", "By addressee"),
        ("agreement", "By agreement"),
    ]:
        assert f'id="{key}">{title}</h2>' in page
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="chart-{key}"' in page
        assert f'<table class="govuk-table" id="table-{key}">' in page
    # The seed's slipped and overdue actions by addressee, as the table shows them.
    assert table_rows(page, "addressee") == {
        "The Probation Service should:": ["3", "0", "1", "7"],
        "The Prison Service should:": ["1", "0", "1", "12"],
        "The Joint Extremism Unit should:": ["1", "1", "2", "19"],
        "Counter Terrorism Policing:": ["1", "0", "1", "8"],
        "The Ministry of Justice should:": ["0", "0", "1", "8"],
    }


def table_rows(html: str, key: str) -> dict[str, list[str]]:
    """Each row of a breakdown's table: its label and its four numbers."""
    start = html.index(f'id="table-{key}"')
    table = html[start : html.index("</table>", start)]
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]:
        label = text(re.search(r"<th scope=\"row\"[^>]*>(.*?)</th>", row, re.S).group(1))
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows[label] = [re.match(r"(?:<a [^>]*>)?(\d+)", c).group(1) for c in cells]
    return rows


LINK = re.compile(
    r'<a class="govuk-link" href="(/reports/slippage/\?[^"]+)">(\d+)'
    r'(?:<span class="govuk-visually-hidden"> ([^<]+)</span>| (months?) slipped)</a>'
)
TABLE_OF = {"overdue": "overdue", "due": "due", "slipped": "slipped"}


def listed(html: str, table: str) -> list[list[str]]:
    """The cells of each action row of one of the slippage report's tables."""
    start = html.index(f'<table class="govuk-table" id="{table}">')
    body = html[html.index("<tbody", start) : html.index("</tbody>", start)]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S)
    cells = [[text(c, tags="") for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]
    return [c for c in cells if len(c) > 1]  # not the "No action ..." row


def test_every_figure_links_to_exactly_the_actions_it_counts(page, seeded):
    """Given the dashboard, when each linked number is followed, then the report it opens
    shows that one list, with as many actions as the number (for months slipped, the
    months add up to it)."""
    client = client_as(seeded, "reviewer")
    links = LINK.findall(page)
    assert len(links) > 30  # every non-zero figure of the page, not a few
    for href, number, says, months in links:
        url = htmllib.unescape(href)
        show = parse_qs(urlsplit(url).query)["show"][0]
        report = client.get(url).content.decode()
        tables = re.findall(r'<table class="govuk-table" id="(\w+)">', report)
        assert tables == [TABLE_OF[show]], url
        rows = listed(report, TABLE_OF[show])
        if months or says.startswith("month"):
            assert sum(int(r[5]) for r in rows) == int(number), url
        else:
            assert len(rows) == int(number), (url, says)


def test_a_zero_is_not_a_link(page):
    # Nothing is due for the Prison Service's heading: a link would list nothing.
    row = page[page.index('<th scope="row" class="govuk-table__header">The Prison Service') :]
    row = row[: row.index("</tr>")]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">0</td>' in row


def test_the_body_and_agreement_filters_list_the_plans_actions(seeded, frozen_today):
    client = client_as(seeded, "reviewer")
    report = reverse("recommendations:slippage-report")
    partly = client.get(report, {"show": "overdue", "agreement": "partly_agreed"})
    assert [r[1] for r in listed(partly.content.decode(), "overdue")] == ["16, action 1"]
    not_agreed = client.get(report, {"show": "overdue", "agreement": "not_agreed"})
    assert "No action is overdue." in not_agreed.content.decode()
    due = client.get(report, {"show": "due"}).content.decode()
    assert [r[1] for r in listed(due, "due")] == ["6, action 1"]
    assert "1 action due between 15 January 2025 and 14 February 2025" in due
    csv = client.get(report, {"show": "due", "format": "csv"}).content.decode().splitlines()
    assert csv[0].endswith("Reasons,Due within 30 days,Overdue,Corrected baseline")
    assert [line.split(",")[3] for line in csv[1:]] == ["6"]


def charts(html: str) -> list[ET.Element]:
    found = re.findall(r'<svg xmlns="[^"]+" class="app-chart".*?</svg>', html, re.S)
    return [ET.fromstring(svg) for svg in found]


def test_each_chart_is_valid_svg_named_by_its_title_and_description(page):
    found = charts(page)
    assert len(found) == 4
    for svg in found:
        assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
        assert title.text.startswith("Overdue, soon-due and moved actions by ")
        assert "The table after it gives the same numbers." in desc.text
        # Each series has its own look: solid, and two patterns the chart defines.
        fills = {r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("class")}
        patterns = {p.get("id") for p in svg.iter(f"{SVG}pattern")}
        assert fills == {"currentColor"} | {f"url(#{p})" for p in patterns}
        assert len(patterns) == 2


def test_each_chart_says_the_numbers_of_its_table(page):
    for svg in charts(page):
        key = svg.get("id").removeprefix("chart-")
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        legend, bars = texts[:3], texts[3:]
        assert legend == ["overdue", "due within 30 days", "moved later"]
        drawn = {
            bars[i]: [re.match(r"\d+", t).group(0) for t in bars[i + 1 : i + 4]]
            for i in range(0, len(bars), 4)
        }
        assert drawn == {label: row[:3] for label, row in table_rows(page, key).items()}


def test_a_user_without_plans_sees_that_there_are_none(seeded, django_user_model):
    client = client_as({"nobody": django_user_model.objects.create_user("nobody")}, "nobody")
    html = client.get("/").content.decode()
    assert "There are no action plans you may read yet." in html
    assert 'class="app-chart"' not in html
