"""The notification kinds of member matching (registered in MatchingConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

CONTACT_RECEIVED = register(
    Kind(
        name="matching.contact_received",
        label=_("Contact requests from other members"),
        message=_("%(person)s would like to get in touch: “%(message)s”"),
        urgent=True,
    )
)
CONTACT_ANSWERED = register(
    Kind(
        name="matching.contact_answered",
        label=_("Answers to your contact requests"),
        message=_("%(person)s: %(answer)s."),
    )
)
NEW_MATCHING_PROFILES = register(
    Kind(
        name="matching.new_matching_profiles",
        label=_("New member profiles that match your saved searches"),
        message=_("%(count)s new profiles for your search “%(search)s”: %(names)s."),
    )
)
PROFILE_HIDDEN = register(
    Kind(
        name="matching.profile_hidden",
        label=_("Your profile hidden by staff"),
        message=_("Staff hid your profile from the directory. The reason: %(reason)s"),
        urgent=True,
    )
)
REPORT_RECEIVED = register(
    Kind(
        name="matching.report_received",
        label=_("Reports of profiles and messages (staff)"),
        message=_("%(person)s reported %(subject)s: “%(reason)s”"),
        staff_only=True,
    )
)
