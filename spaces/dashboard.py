"""The spaces' panel of a person's dashboard and what waits for them (found by
coopportal.core.discovery): their next bookings and the places offered to them with the deadline
to confirm. A constant number of queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.dates import format_date
from coopportal.core.waiting import YOU, Waiting, both, shared

from .models import Booking, BookingStatus

SHOWN = 3


def _mine(user):
    return Booking.objects.filter(user=user).select_related("resource__space")


def _mine_shown(user):
    """(upcoming, offers): the person's next confirmed bookings and the places offered to them
    not yet expired, `SHOWN` of each, in one query (a UNION ALL of the two), once per page."""

    def read():
        now = timezone.now()
        upcoming = (
            _mine(user)
            .filter(status=BookingStatus.CONFIRMED, ends_at__gt=now)
            .order_by("starts_at")[:SHOWN]
        )
        offered = (
            _mine(user)
            .filter(status=BookingStatus.OFFERED, offer_expires_at__gt=now)
            .order_by("offer_expires_at")[:SHOWN]
        )
        rows = both(upcoming, offered)
        return (
            sorted((b for b in rows if b.status == BookingStatus.CONFIRMED),
                   key=lambda b: (b.starts_at, b.pk)),
            sorted((b for b in rows if b.status == BookingStatus.OFFERED),
                   key=lambda b: (b.offer_expires_at, b.pk)),
        )  # fmt: skip

    return shared(user, "spaces", read)


def panel(request):
    upcoming, offers = _mine_shown(request.user)
    return {
        "template": "spaces/partials/_dashboard_panel.html",
        "upcoming": upcoming,
        "offers": offers,
    }


def waiting(user) -> list[Waiting]:
    if not is_authenticated(user):
        return []
    _, offers = _mine_shown(user)
    url = reverse("spaces:my_bookings")
    entries = [
        (
            f"{seat.resource.name} — "
            + format_date(timezone.localtime(seat.starts_at), "DATETIME_FORMAT"),
            url,
        )
        for seat in offers
    ]
    count = len(offers)
    label = ngettext(
        "%(count)s place in a space offered to you: confirm it in time",
        "%(count)s places in spaces offered to you: confirm them in time",
        count,
    ) % {"count": count}
    return [Waiting(YOU, label, count, url, entries)]
