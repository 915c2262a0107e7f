"""The shared spaces' figures the board shows (found by coopportal.core.discovery; contract in
coopportal.core.figures): the bookings held in the period, the no-show rate, the bookings by
space and month (stacked), and the spaces ranked by bookings. Aggregate queries only."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.figures import Chart, Figure, Period, Ranking, Series, by_month, who

from .models import Booking, BookingStatus

HELD = (BookingStatus.CONFIRMED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
COLOURS = ["#1f6f43", "#0a58ca", "#8a4b08", "#6f42c1", "#b02a37", "#495057"]


def active_people(since, until) -> list:
    return [who(Booking, "user_id", since, until)]


def _percent(part, whole) -> int:
    return round(100 * (part or 0) / whole) if whole else 0


def describe_ranking(n: int) -> str:
    return ngettext(
        "The bookings of %(n)s space in the period.",
        "The bookings of %(n)s spaces in the period, most booked first.",
        n,
    ) % {"n": n}


def figures(period: Period) -> list:
    held = Booking.objects.filter(period.within("starts_at"), status__in=HELD)
    totals = held.aggregate(
        held=Count("pk"),
        no_show=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
        marked=Count("pk", filter=Q(status__in=(BookingStatus.NO_SHOW, BookingStatus.ATTENDED))),
    )
    by_space: dict = {}
    for month, space, n in by_month(held, "starts_at", extra=("resource__space__name",)):
        by_space.setdefault(space, {})[month] = n
    series = [
        Series(name, COLOURS[index % len(COLOURS)], period.series(months.items()))
        for index, (name, months) in enumerate(sorted(by_space.items()))
    ]
    if not series:  # no bookings yet: one empty series, so the chart still draws
        series = [Series(_("Bookings"), COLOURS[0], period.series([]))]
    ranking = (
        held.values_list("resource__space__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "resource__space__name")
    )
    return [
        Figure("spaces_bookings", _("Bookings of shared spaces"), totals["held"]),
        Figure(
            "spaces_no_show_rate",
            _("Bookings missed without cancelling (%)"),
            _percent(totals["no_show"], totals["marked"]),
            note=_("Of the bookings staff marked as attended or missed."),
        ),
        Chart(
            "spaces_bookings_by_month",
            _("Bookings of shared spaces by space and month"),
            series,
            has_legend=True,
        ),
        Ranking(
            "spaces_by_space",
            _("Occupancy of the shared spaces"),
            [_("Space"), _("Bookings")],
            [(name, n) for name, n in ranking],
            describe_ranking,
            empty=_("No bookings in the period."),
        ),
    ]
