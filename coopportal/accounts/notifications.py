"""The notification kinds of accounts (registered in AccountsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

from . import permissions

# board members, the audience of the kinds only the board receives (board, workgroups)
BOARD = permissions.is_board_member

MEMBERSHIP_APPROVED = register(
    Kind(
        name="accounts.membership_approved",
        label=_("Your membership was verified"),
        message=_("The staff verified your membership (number %(number)s)."),
        subject=_("Your membership has been verified"),
        urgent=True,
    )
)
MEMBERSHIP_REJECTED = register(
    Kind(
        name="accounts.membership_rejected",
        label=_("Your membership request was rejected"),
        message=_("The staff could not verify membership number %(number)s: %(reason)s"),
        subject=_("Your membership request"),
        urgent=True,
    )
)
MEMBERSHIP_REQUESTED = register(
    Kind(
        name="accounts.membership_requested",
        label=_("New membership requests (staff)"),
        message=_("%(person)s asks to verify membership number %(number)s."),
        subject=_("A membership request is waiting for verification"),
        staff_only=True,
    )
)
MEMBERSHIP_REVOKED = register(
    Kind(
        name="accounts.membership_revoked",
        label=_("Your membership was ended"),
        message=_("The staff ended your membership of the cooperative: %(reason)s %(changes)s"),
        subject=_("Your membership of the cooperative has ended"),
        urgent=True,
    )
)

DATA_ARCHIVE_READY = register(
    Kind(
        name="accounts.data_archive_ready",
        label=_("Your data archive is ready"),
        message=_(
            "The archive of your data is ready: download it within %(days)s days from the "
            'page "Your data".'
        ),
        subject=_("Your data archive is ready"),
        urgent=True,
    )
)
