"""The notification kinds of the board area (registered in BoardConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.accounts.notifications import BOARD
from coopportal.notifications.registry import Channel, Kind, register

RECOMMENDATION_SCHEDULED = register(
    Kind(
        name="board.recommendation_scheduled",
        label=_("Your recommendations on the board's agenda"),
        message=_("“%(title)s” is on the agenda of the board meeting of %(when)s."),
    )
)
FOLLOW_UP_DUE = register(
    Kind(
        name="board.follow_up_due",
        label=_("Follow-ups of the board's decisions (board)"),
        message=_(
            "Follow-up due on %(date)s: “%(title)s”, decided at the board meeting “%(meeting)s”."
        ),
        urgent=True,
        audience=BOARD,
    )
)
REPORT_READY = register(
    Kind(
        name="board.report_ready",
        label=_("Board reports ready (board)"),
        message=_("The board report for %(period)s is ready."),
        default_channel=Channel.OFF,  # the periodic report arrives by e-mail with its PDF anyway
        audience=BOARD,
    )
)
