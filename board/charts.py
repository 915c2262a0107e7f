"""Server-rendered SVG charts: every coordinate computed here, none in templates (pure: no
queries, no domain). The board draws with them what the apps offer as figures (their series are
coopportal.core.figures.Series; templates/board/partials/_figures_*.html).

Colours keep at least 3:1 contrast with white (WCAG 1.4.11).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import GREEN, Series

__all__ = ["GREEN", "Series", "monthly_chart", "ranking_chart"]

CHART_WIDTH, CHART_HEIGHT = 480, 240
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 36, 8, 20, 36
RANKING_ROW, RANKING_NAME_LENGTH = 36, 60


@dataclass(frozen=True)
class Table:
    """A chart's figures as a table: a header row, then a label and values per row."""

    caption: str
    headers: list[str]
    rows: list[tuple[str, list[int]]]


@dataclass(frozen=True)
class Segment:
    label: str
    colour: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Column:
    month: date
    total: int
    centre: float
    top: float
    show_month: bool
    show_year: bool
    segments: list[Segment]

    @property
    def value_y(self) -> float:
        return round(self.top - 4, 1)


@dataclass(frozen=True)
class MonthlyChart:
    slug: str
    title: str
    series: list[Series]
    columns: list[Column]
    scale_max: int
    has_legend: bool = False
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = PLOT_LEFT
    top: int = PLOT_TOP
    baseline: int = CHART_HEIGHT - PLOT_BOTTOM
    right: int = CHART_WIDTH - PLOT_RIGHT
    scale_x: int = PLOT_LEFT - 4  # the scale's numbers end here
    scale_top_y: int = PLOT_TOP + 4
    month_y: int = CHART_HEIGHT - PLOT_BOTTOM + 14
    year_y: int = CHART_HEIGHT - PLOT_BOTTOM + 28

    @property
    def shows_values(self) -> bool:
        return len(self.columns) <= 24

    @property
    def rows(self) -> list[tuple[date, list[int], int]]:
        """The data table: month, one value per series, total."""
        return [
            (column.month, [s.value for s in column.segments], column.total)
            for column in self.columns
        ]

    @property
    def table(self) -> Table:
        if not self.has_legend:
            rows = [
                (date_format(month, "YEAR_MONTH_FORMAT"), [total]) for month, _v, total in self.rows
            ]
            return Table(self.title, [_("Month"), _("Number")], rows)
        headers = [_("Month"), *(s.label for s in self.series), _("Total")]
        rows = [
            (date_format(month, "YEAR_MONTH_FORMAT"), [*values, total])
            for month, values, total in self.rows
        ]
        return Table(self.title, headers, rows)


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ not below `value` (at least 1): a readable top of scale."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def monthly_chart(
    slug: str, title: str, months: list[date], series: list[Series], *, has_legend=False
) -> MonthlyChart:
    """Bars (stacked when several series) with every coordinate computed here, not in templates."""
    totals = [sum(s.values[index] for s in series) for index in range(len(months))]
    scale_max = nice_ceiling(max(totals, default=0))
    plot_height = CHART_HEIGHT - PLOT_BOTTOM - PLOT_TOP
    slot = (CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT) / max(len(months), 1)
    bar_width = round(slot * 0.7, 1)
    label_every = -(-len(months) // 12)
    columns = []
    for index, (month, total) in enumerate(zip(months, totals, strict=True)):
        x = round(PLOT_LEFT + index * slot + (slot - bar_width) / 2, 1)
        y, segments = float(CHART_HEIGHT - PLOT_BOTTOM), []
        for s in series:
            height = round(s.values[index] / scale_max * plot_height, 1)
            y = round(y - height, 1)
            segments.append(Segment(s.label, s.colour, s.values[index], x, y, bar_width, height))
        columns.append(
            Column(
                month=month,
                total=total,
                centre=round(x + bar_width / 2, 1),
                top=y,
                show_month=index % label_every == 0,
                show_year=index == 0 or month.month == 1,
                segments=segments,
            )
        )
    return MonthlyChart(slug, title, series, columns, scale_max, has_legend)


@dataclass(frozen=True)
class RankingBar:
    name: str
    short_name: str
    value: int
    name_y: float
    bar_y: float
    width: float

    @property
    def value_x(self) -> float:
        return round(self.width + 4, 1)

    @property
    def value_y(self) -> float:
        return self.bar_y + 11


@dataclass(frozen=True)
class RankingChart:
    title: str
    bars: list[RankingBar]
    headers: list[str]  # the table's: what is ranked, what is counted
    slug: str = "ranking"
    description: str = ""  # the SVG's <desc>, before "the table below gives every value"
    empty: str = ""  # shown instead of the chart when there are no bars
    width: int = CHART_WIDTH
    bar_height: int = 14
    colour: str = GREEN

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * RANKING_ROW + 4

    @property
    def table(self) -> Table:
        rows = [(bar.name, [bar.value]) for bar in self.bars]
        return Table(self.title, self.headers, rows)


def ranking_chart(
    rows: list[tuple[str, int]],
    *,
    title: str,
    headers: list[str],
    slug: str = "ranking",
    description: str = "",
    empty: str = "",
) -> RankingChart:
    """Horizontal bars, the name above each bar and the value after it."""
    largest = max((value for _name, value in rows), default=1)
    room = CHART_WIDTH - 48  # keep space for the value after the longest bar
    bars = []
    for index, (name, value) in enumerate(rows):
        short = name if len(name) <= RANKING_NAME_LENGTH else name[: RANKING_NAME_LENGTH - 1] + "…"
        row_top = index * RANKING_ROW
        bars.append(
            RankingBar(
                name, short, value, row_top + 12, row_top + 16, round(value / largest * room, 1)
            )
        )
    return RankingChart(title, bars, headers, slug, description, empty)
