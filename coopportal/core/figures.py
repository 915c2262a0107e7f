"""What an app offers to the board's participation figures, found through coopportal.core.discovery.

An app that has figures to show writes a `board_figures` module with either or both of:

    def figures(period: Period) -> list[Figure | Chart | Ranking]
        Its headline numbers, monthly charts and rankings for the period, in the order shown.
    def active_people(since: datetime, until: datetime) -> list[QuerySet]
        Flat querysets of the ids of the people who did something there in [since, until)
        (`who(...)` builds one); the board counts each person once over every app.

The board asks the apps bottom layer first and draws everything itself (board/charts.py), so it
is not edited when a domain is added. Rules for a hook: aggregate queries only (COUNT, conditional
COUNT, GROUP BY month with `by_month`), so the number of queries never grows with the data; labels
lazy (`gettext_lazy`) and descriptions module-level functions, because the board caches what the
hooks return for a while and one cached entry serves every language.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import time as wall_clock

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

GREEN = "#1f6f43"  # every colour keeps at least 3:1 contrast with white (WCAG 1.4.11)


@dataclass(frozen=True)
class Period:
    """From the first moment of `start` to the last of `end`, in the portal's time zone."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return _midnight(self.start)

    @property
    def until(self) -> datetime:
        """Exclusive: midnight after `end`."""
        return _midnight(self.end + timedelta(days=1))

    def within(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})

    def months(self) -> list[date]:
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return months

    def series(self, rows) -> list[int]:
        """One value per month of the period from (month, n) rows; months without rows are 0."""
        found = dict(rows)
        return [found.get(month, 0) for month in self.months()]


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


@dataclass(frozen=True)
class Figure:
    """A headline number: "Members 120"."""

    key: str  # unique over every app: the board's `numbers[key]`
    label: str  # lazy
    value: int
    note: str = ""  # lazy: what the number counts, when its label does not say (below the numbers)


@dataclass(frozen=True)
class Series:
    label: str  # lazy
    colour: str
    values: list[int]  # one per month of the period


@dataclass(frozen=True)
class Chart:
    """Bars by month; several series are stacked and get a legend."""

    key: str  # the chart's slug (ids in the page)
    title: str  # lazy
    series: list[Series]
    has_legend: bool = False


def bars(key: str, title, values: list[int], colour: str = GREEN) -> Chart:
    """A chart of one series, named as the chart."""
    return Chart(key, title, [Series(title, colour, values)])


@dataclass(frozen=True)
class Ranking:
    """Horizontal bars, largest first: (name, value) rows."""

    key: str
    title: str  # lazy
    headers: list[str]  # the table's: what is ranked, what is counted (lazy)
    rows: list[tuple[str, int]]
    describe: Callable[[int], str]  # module-level: the chart's description for n rows
    empty: str = ""  # lazy: said instead of the chart when there are no rows


FigureItem = Figure | Chart | Ranking


@dataclass
class Offered:
    """Everything the apps offered for one period, in their order (what the board caches)."""

    months: list[date]
    headline: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    # when it was computed (a Unix time): the board keys its rendered page on it, so that a
    # rendering never outlives the figures it shows
    computed_at: float = field(default_factory=wall_clock)

    def add(self, items) -> None:
        kinds = {Figure: self.headline, Chart: self.charts, Ranking: self.rankings}
        for item in items:
            if type(item) not in kinds:
                raise TypeError(f"A board figure is a Figure, a Chart or a Ranking, not {item!r}")
            kinds[type(item)].append(item)


def by_month(queryset, field: str, *, extra: tuple[str, ...] = ()):
    """Rows of (month, *extra, n) for `field` in the portal's time zone (00:30 on the 1st in Rome
    belongs to that month, even though it is still the previous month in UTC)."""
    month = TruncMonth(field, tzinfo=timezone.get_default_timezone(), output_field=DateField())
    return (
        queryset.annotate(month=month)
        .values("month", *extra)
        .annotate(n=Count("pk"))
        .values_list("month", *extra, "n")
        .order_by()
    )


def who(model, field: str, since: datetime, until: datetime, *, when: str = "created_at"):
    """The ids in `field` of the `model` rows whose `when` falls in [since, until) (for
    `active_people`): a flat queryset the board unions with the other apps' ones."""
    return (
        model.objects.filter(
            **{f"{when}__gte": since, f"{when}__lt": until, f"{field}__isnull": False}
        )
        .values_list(field, flat=True)
        .order_by()
    )
