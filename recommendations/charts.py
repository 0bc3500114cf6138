"""Horizontal bar charts drawn on the server as SVG: the geometry here, the markup in
templates/includes/bar_chart.html. A core helper: it imports nothing of the app.

Nothing is told by colour alone: each bar has its number and its series written beside
it ("3 overdue") and a fill pattern of its own, named in a legend. The template draws in
currentColor, which a forced-colours (high contrast) mode turns into its text colour.
A chart never stands alone: the page shows a table of the same numbers with it.

    chart = bar_chart(
        id="by-owner",
        title="Actions by owner",
        description="…",
        series=[Series("overdue", "overdue", SOLID), Series("due", "due soon", HATCHED)],
        groups=[("Head of Estates", [3, 1]), ("Head of Digital", [0, 2])],
    )
"""

from dataclasses import dataclass

SOLID, HATCHED, DOTTED = "solid", "hatched", "dotted"

WIDTH = 640  # the viewBox's width: the SVG scales to its column
TEXT_ROOM = 230  # right of the longest bar, for its text
LABEL_CHARS = 72  # a longer category name is cut short here (the table has it whole)
LEGEND_HEIGHT = 32
LABEL_HEIGHT = 26  # a category's name, above its bars
BAR_HEIGHT = 20
BAR_GAP = 4
GROUP_GAP = 14
SWATCH = 16


@dataclass(frozen=True)
class Series:
    key: str  # part of the bars' class name
    label: str  # written after each bar's number: "3 overdue"
    pattern: str  # SOLID, HATCHED or DOTTED


@dataclass
class Bar:
    series: Series
    value: int
    text: str
    y: int
    width: float
    text_x: float


@dataclass
class Group:
    label: str
    y: int  # the name's baseline
    bars: list[Bar]


@dataclass
class LegendItem:
    series: Series
    x: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bar_height: int
    swatch: int
    legend: list[LegendItem]
    groups: list[Group]
    patterns: list[str]  # the fill patterns the chart uses, for its <defs>

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.id}-desc"


def bar_chart(
    *,
    id: str,
    title: str,
    description: str,
    series: list[Series],
    groups: list[tuple[str, list[int]]],
) -> BarChart:
    """A chart of one bar per series in each group, all drawn to one scale."""
    biggest = max((v for _, values in groups for v in values), default=0) or 1
    scale = (WIDTH - TEXT_ROOM) / biggest
    laid_out, y = [], LEGEND_HEIGHT
    for label, values in groups:
        y += LABEL_HEIGHT
        name_y = y - 8
        bars = []
        for one, value in zip(series, values, strict=True):
            width = value * scale
            bars.append(
                Bar(
                    series=one,
                    value=value,
                    text=f"{value} {one.label}",
                    y=y,
                    width=round(width, 1),
                    text_x=round(width + 6, 1),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        laid_out.append(Group(label=_short(label), y=name_y, bars=bars))
        y += GROUP_GAP
    legend = []
    x = 0
    for one in series:
        legend.append(LegendItem(series=one, x=x))
        x += SWATCH + 8 + 9 * len(one.label) + 24  # about 9 units a character at 16px
    return BarChart(
        id=id,
        title=title,
        description=description,
        width=WIDTH,
        height=y,
        bar_height=BAR_HEIGHT,
        swatch=SWATCH,
        legend=legend,
        groups=laid_out,
        patterns=sorted({one.pattern for one in series} - {SOLID}),
    )


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
