"""Bookings as calendar entries: the .ics of one booking, and the person's bookings for their
personal feed (gathered by coopportal/web through coopportal.core.discovery)."""

from django.urls import reverse

from coopportal.core.calendar import CalendarEntry, feed_window

from .models import Booking, BookingStatus

IN_FEED = (BookingStatus.CONFIRMED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


def booking_entry(booking, *, base_url: str = "", host: str = "coopportal") -> CalendarEntry:
    resource = booking.resource
    space = resource.space
    return CalendarEntry(
        uid=f"spaces-booking-{booking.pk}@{host}",
        title=f"{resource.name} — {space.name}",
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        location=f"{space.address}, {space.city}",
        url=base_url + reverse("spaces:my_bookings"),
        description=space.name,
        cancelled=booking.status == BookingStatus.CANCELLED,
    )


def events_for(user, *, base_url: str = "", host: str = "coopportal", window=None):
    """The person's confirmed (and past held) bookings within the feed's window; one query."""
    starts_after, starts_before = window or feed_window()
    bookings = (
        Booking.objects.filter(
            user=user,
            status__in=IN_FEED,
            starts_at__gte=starts_after,
            starts_at__lt=starts_before,
        )
        .select_related("resource__space")
        .order_by("starts_at", "pk")
    )
    return [booking_entry(b, base_url=base_url, host=host) for b in bookings]
