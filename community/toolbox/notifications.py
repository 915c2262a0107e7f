"""The notification kinds of the toolbox (registered when the community app is ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

SUGGESTION_RECEIVED = register(
    Kind(
        name="community.toolbox_suggestion_received",
        label=_("Resources suggested for the toolbox (staff)"),
        message=_("%(person)s suggested a resource for the toolbox: “%(title)s”."),
        staff_only=True,
    )
)
SUGGESTION_PUBLISHED = register(
    Kind(
        name="community.toolbox_suggestion_published",
        label=_("Your suggestions for the toolbox published"),
        message=_("The resource you suggested, “%(title)s”, is now in the toolbox. Thank you!"),
    )
)
SUGGESTION_REJECTED = register(
    Kind(
        name="community.toolbox_suggestion_rejected",
        label=_("Your suggestions for the toolbox not accepted"),
        message=_("Staff did not add “%(title)s” to the toolbox. The reason: %(reason)s"),
        urgent=True,
    )
)
