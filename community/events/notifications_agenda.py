"""The notification kinds of the events' agendas, reminders and outcomes (registered when the
community app is ready, through community/events/notifications.py)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

__all__ = ["AGENDA_REMINDER", "AGENDA_SCHEDULED", "FEEDBACK_AFTER", "FEEDBACK_SIX_MONTHS"]

AGENDA_SCHEDULED = register(
    Kind(
        name="community.event_agenda_scheduled",
        label=_("Meetings placed in your agenda of a matching event"),
        message=_("New meetings in your agenda for “%(event)s”: %(count)s."),
        urgent=True,
    )
)
AGENDA_REMINDER = register(
    Kind(
        name="community.event_agenda_reminder",
        label=_("Reminders of your meetings the day before a matching event"),
        message=_("“%(event)s” starts on %(when)s: %(count)s meetings in your agenda."),
        urgent=True,
    )
)
FEEDBACK_AFTER = register(
    Kind(
        name="community.event_feedback_after",
        label=_("Questions on how your meetings at a matching event went"),
        message=_(
            "How did your meeting with %(person)s at “%(event)s” go? Tell us whether it took "
            "place and what came of it."
        ),
    )
)
FEEDBACK_SIX_MONTHS = register(
    Kind(
        name="community.event_feedback_six_months",
        label=_("Questions, six months later, on what came of your meetings at a matching event"),
        message=_("Six months after “%(event)s”: what came of your meeting with %(person)s?"),
    )
)
