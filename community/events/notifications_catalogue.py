"""The notification kinds of the events' registration and meeting requests (registered when the
community app is ready, through community/events/notifications.py)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

__all__ = [
    "REQUEST_ACCEPTED",
    "REQUEST_CANCELLED",
    "REQUEST_DECLINED",
    "REQUEST_EXPIRED",
    "REQUEST_RECEIVED",
]

REQUEST_RECEIVED = register(
    Kind(
        name="community.event_request_received",
        label=_("Meeting requests at the matching events"),
        message=_("%(person)s asks you for a meeting at “%(event)s”: “%(message)s”"),
        urgent=True,
    )
)
REQUEST_ACCEPTED = register(
    Kind(
        name="community.event_request_accepted",
        label=_("Your meeting requests accepted"),
        message=_("%(person)s accepted your meeting request at “%(event)s”. %(next)s"),
        urgent=True,
    )
)
REQUEST_DECLINED = register(
    Kind(
        name="community.event_request_declined",
        label=_("Your meeting requests declined"),
        message=_("%(person)s declined your meeting request at “%(event)s”."),
    )
)
REQUEST_EXPIRED = register(
    Kind(
        name="community.event_request_expired",
        label=_("Meeting requests expired at the registration deadline"),
        message=_(
            "Your meeting request to %(person)s at “%(event)s” expired: it had no answer by the "
            "registration deadline."
        ),
    )
)
REQUEST_CANCELLED = register(
    Kind(
        name="community.event_request_cancelled",
        label=_("Meetings cancelled because the other person left the event"),
        message=_(
            "%(person)s cancelled their registration to “%(event)s”: your meeting request or "
            "meeting with them is cancelled."
        ),
        urgent=True,
    )
)
