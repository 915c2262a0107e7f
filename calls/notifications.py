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
