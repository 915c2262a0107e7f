"""The notification kinds of funding calls (registered in CallsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

NEW_MATCHING_CALL = register(
    Kind(
        name="calls.new_matching_call",
        label=_("New funding calls that match your saved searches"),
        message=_("A call for you (%(search)s): “%(call)s”, %(funder)s."),
    )
)
DEADLINE_REMINDER = register(
    Kind(
        name="calls.deadline_reminder",
        label=_("Reminders before the internal deadline of calls you follow"),
        message=_("“%(call)s”: the cooperative's internal deadline is %(deadline)s (%(days)s)."),
        urgent=True,
    )
)
IMPORT_FINISHED = register(
    Kind(
        name="calls.import_finished",
        label=_("Imports of calls you started (staff)"),
        message=_(
            "Import of %(file)s: %(created)s new, %(updated)s updated, %(unchanged)s "
            "unchanged, %(refused)s refused."
        ),
        staff_only=True,
        urgent=True,
    )
)
APPLICATION_STATUS = register(
    Kind(
        name="calls.application_status",
        label=_("News of your applications for funding calls"),
        message=_("Your application “%(application)s”: %(status)s. %(reason)s"),
        urgent=True,
    )
)
CO_APPLICANT_INVITED = register(
    Kind(
        name="calls.co_applicant_invited",
        label=_("Invitations to take part in an application"),
        message=_("%(person)s invites you to apply together: “%(application)s” (%(call)s)."),
        urgent=True,
    )
)
CO_APPLICANT_ANSWERED = register(
    Kind(
        name="calls.co_applicant_answered",
        label=_("Answers of the co-applicants you invited"),
        message=_("%(person)s, for “%(application)s”: %(answer)s."),
    )
)
APPLICATION_SUBMITTED = register(
    Kind(
        name="calls.application_submitted",
        label=_("Applications submitted to the cooperative (staff)"),
        message=_("%(person)s submitted “%(application)s” for the call “%(call)s”."),
        staff_only=True,
    )
)
REVIEW_ASSIGNED = register(
    Kind(
        name="calls.review_assigned",
        label=_("Applications you are asked to review"),
        message=_("You are asked to review “%(application)s” (%(call)s)."),
        urgent=True,
    )
)
ACTION_CONVERTED = register(
    Kind(
        name="calls.action_converted",
        label=_("What the calls to action you answered became"),
        message=_("“%(action)s” became %(outcome)s: you are in it."),
        urgent=True,
    )
)
