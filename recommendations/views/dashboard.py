"""The dashboard, the signed-in home page: overdue, soon-due and slipped actions across
every plan the user may read, each figure a link to the slippage report's rows behind it."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.views.generic import TemplateView

from ..charts import DOTTED, HATCHED, SOLID, BarChart, Series, bar_chart
from ..selectors.dashboard import Breakdown, Tally, dashboard_figures

# Each bar of a chart: its series, the Tally count it draws, the slippage report's `show`.
MEASURES = [
    (Series("overdue", "overdue", SOLID), "overdue", "overdue"),
    (Series("due", "due within 30 days", HATCHED), "due_soon", "due"),
    (Series("moved", "moved later", DOTTED), "moved", "slipped"),
]


@dataclass
class Figure:
    value: int
    url: str
    says: str  # what the number counts, for the link's hidden text


@dataclass
class Section:
    breakdown: Breakdown
    chart: BarChart
    rows: list[tuple[str, list[Figure]]]  # a row's label and its four figures


def figures(tally: Tally, filters: dict[str, str], of: str = "") -> list[Figure]:
    """Overdue, due soon, moved and months slipped, each linked to the actions it counts."""
    report = reverse("recommendations:slippage-report")

    def figure(value: int, show: str, noun: str, says: str) -> Figure:
        plural = noun if value == 1 else noun + "s"
        suffix = f" ({of})" if of else ""
        url = f"{report}?{urlencode({'show': show, **filters})}"
        return Figure(value, url, f"{plural} {says}{suffix}")

    return [
        figure(tally.overdue, "overdue", "action", "overdue"),
        figure(tally.due_soon, "due", "action", "due in the next 30 days"),
        figure(tally.moved, "slipped", "action", "with target dates moved later"),
        figure(tally.months_slipped, "slipped", "month", "slipped in all"),
    ]


def section(breakdown: Breakdown) -> Section:
    noun = breakdown.noun.lower()
    chart = bar_chart(
        id=f"chart-{breakdown.key}",
        title=f"Overdue, soon-due and moved actions {breakdown.title.lower()}",
        description=(
            f"A bar chart: for each {noun}, the number of actions overdue, due within "
            f"30 days and with target dates moved later. The table after it gives the "
            f"same numbers."
        ),
        series=[series for series, _, _ in MEASURES],
        groups=[
            (row.label, [getattr(row.tally, count) for _, count, _ in MEASURES])
            for row in breakdown.rows
        ],
    )
    rows = [(row.label, figures(row.tally, row.filters, of=row.label)) for row in breakdown.rows]
    return Section(breakdown=breakdown, chart=chart, rows=rows)


class DashboardView(TemplateView):
    template_name = "recommendations/dashboard.html"

    def get_context_data(self, **kwargs):
        dashboard = dashboard_figures(user=self.request.user, today=datetime.date.today())
        return super().get_context_data(
            dashboard=dashboard,
            totals=figures(dashboard.totals, {}),
            sections=[section(b) for b in dashboard.breakdowns],
            **kwargs,
        )
