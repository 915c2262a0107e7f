"""Figures of the fake domain: one aggregate query for the numbers, one for the chart."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from coopportal.core.figures import Figure, Ranking, bars, by_month, who


def active_people(since, until):
    """Signing up counts as taking part here (the real apps do not count it)."""
    return [who(get_user_model(), "pk", since, until, when="date_joined")]


def _describe(count):
    return f"{count} fake bars"


def figures(period):
    people = get_user_model().objects
    total = people.aggregate(n=Count("pk"))["n"]
    joined = people.filter(period.within("date_joined"))
    return [
        Figure("fake_people", "Fake applications", total, note="Fake: every person counts."),
        bars(
            "fake_monthly",
            "Fake applications by month",
            period.series(by_month(joined, "date_joined")),
        ),
        Ranking(
            "fake_ranking",
            "Fake ranking",
            ["Fake call", "Fake count"],
            [("Bando verde", 7)],
            _describe,
        ),
    ]
