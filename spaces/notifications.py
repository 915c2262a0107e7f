"""The notification kinds of the shared spaces (registered in SpacesConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

PLACE_OFFERED = register(
    Kind(
        name="spaces.place_offered",
        label=_("A booked-up slot you waited for is free"),
        message=_("%(resource)s, %(when)s is free for you: confirm it by %(until)s."),
        urgent=True,
    )
)
OFFER_LAPSED = register(
    Kind(
        name="spaces.offer_lapsed",
        label=_("Offers of a space you did not confirm in time"),
        message=_("The offer of %(resource)s, %(when)s lapsed: it went to the next person."),
    )
)
REMINDER = register(
    Kind(
        name="spaces.reminder",
        label=_("Reminders of your bookings, the day before"),
        message=_("Reminder: you booked %(resource)s, %(when)s (%(address)s)."),
        urgent=True,
    )
)
BOOKING_LIMITED = register(
    Kind(
        name="spaces.booking_limited",
        label=_("Limits on your bookings after missed bookings"),
        message=_(
            "You missed %(count)s bookings in %(days)s days without cancelling: you cannot book "
            "spaces until %(until)s."
        ),
        urgent=True,
    )
)
