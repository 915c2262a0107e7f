"""The notification kinds of the showcase of good practices (registered when the community app
is ready, see community/apps.py)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

PRACTICE_SUBMITTED = register(
    Kind(
        name="community.practice_submitted",
        label=_("Good practices waiting for validation (staff)"),
        message=_("%(person)s proposed the good practice “%(title)s”: it waits for validation."),
        staff_only=True,
    )
)
PRACTICE_DECIDED = register(
    Kind(
        name="community.practice_decided",
        label=_("Staff's decisions on the good practices you proposed"),
        message=_("Your good practice “%(title)s”: %(decision)s. %(reason)s"),
        urgent=True,
    )
)

# The workflow registers itself when imported: importing it here (the community app imports
# every part's notifications when it is ready) lets coopportal.core.workflow.all_workflows()
# find it, as it finds the apps' own `workflows` modules.
from . import workflows as _workflows  # noqa: E402, F401
