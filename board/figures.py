"""Participation figures for the board (reads only), collected from what the apps offer.

Every app below the board may offer a `board_figures` module (contract and rules in
coopportal.core.figures): headline numbers, monthly charts and rankings, and the people active in
it. The board asks them through coopportal.core.discovery, bottom layer first, counts the active
people once over every app, and draws the charts (board/charts.py): a new domain adds its module and
the board is not edited. What the apps return is cached for a period; labels stay lazy and chart
geometry is computed on each call, so one cached entry serves every language.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coopportal.core.discovery import domain_modules
from coopportal.core.figures import Figure, Offered, Period

from .charts import MonthlyChart, RankingChart, monthly_chart, ranking_chart

__all__ = ["Period", "participation_figures", "period_summary"]

ACTIVE_WINDOW = timedelta(days=30)
CACHE_VERSION = 3
HOOKS = "board_figures"


def _active_people(period: Period) -> int:
    """People who did anything in any app (logged in, wrote, endorsed, answered…) in the 30 days
    up to the end, each counted once: one UNION query over what every app offers."""
    until = period.until
    since = until - ACTIVE_WINDOW
    offered = [
        queryset
        for module in domain_modules(HOOKS)
        if hasattr(module, "active_people")
        for queryset in module.active_people(since, until)
    ]
    if not offered:
        return 0
    first, *others = offered
    return first.union(*others).count()


def _compute(period: Period) -> Offered:
    offered = Offered(months=period.months())
    offered.headline.append(
        Figure("active_people", _("Active people in the last 30 days"), _active_people(period))
    )
    for module in domain_modules(HOOKS):
        if hasattr(module, "figures"):
            offered.add(module.figures(period))
    keys = [figure.key for figure in offered.headline]
    if len(keys) != len(set(keys)):
        raise ImproperlyConfigured(f"Two apps offer a board figure of the same key: {keys}")
    return offered


def _cached(period: Period) -> Offered:
    key = f"board:figures:v{CACHE_VERSION}:{period.start.isoformat()}:{period.end.isoformat()}"
    timeout = settings.BOARD_FIGURES_CACHE_SECONDS
    return cache.get_or_set(key, lambda: _compute(period), timeout)


def period_summary(*, start: date, end: date) -> list[tuple[str, int]]:
    """The headline numbers as (translated label, value) rows, in a fixed order."""
    return [(str(figure.label), figure.value) for figure in _cached(Period(start, end)).headline]


def _charts(offered: Offered) -> list[MonthlyChart]:
    return [
        monthly_chart(
            chart.key, chart.title, offered.months, chart.series, has_legend=chart.has_legend
        )
        for chart in offered.charts
    ]


def _rankings(offered: Offered) -> list[RankingChart]:
    return [
        ranking_chart(
            ranking.rows,
            slug=ranking.key,
            title=ranking.title,
            headers=ranking.headers,
            description=ranking.describe(len(ranking.rows)),
            empty=ranking.empty,
        )
        for ranking in offered.rankings
    ]


def participation_figures(*, start: date, end: date) -> dict:
    """Everything the figures page shows: headline rows, monthly charts, rankings."""
    offered = _cached(Period(start, end))
    return {
        "start": start,
        "end": end,
        "active_since": end - ACTIVE_WINDOW + timedelta(days=1),
        "numbers": {figure.key: figure.value for figure in offered.headline},
        "headline": [(figure.label, figure.value) for figure in offered.headline],
        "notes": [figure.note for figure in offered.headline if figure.note],
        "charts": _charts(offered),
        "rankings": _rankings(offered),
        # the rendered page's cache key and lifetime (templates/board/figures.html): the same
        # figures render the same in one language, and rendering them is most of the page's time
        "stamp": f"{CACHE_VERSION}:{start.isoformat()}:{end.isoformat()}:{offered.computed_at}",
        "timeout": settings.BOARD_FIGURES_CACHE_SECONDS,
    }
