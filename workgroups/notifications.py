"""The notification kinds of working groups (registered in WorkgroupsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.accounts.notifications import BOARD
from coopportal.notifications.registry import Kind, register


def COORDINATORS(user) -> bool:
    """People who coordinate at least one group: the coordinator-only kinds reach them."""
    from .permissions import coordinates_a_group

    return coordinates_a_group(user)


JOIN_REQUESTED = register(
    Kind(
        name="workgroups.join_requested",
        label=_("Requests to join a group you coordinate"),
        message=_("%(person)s asks to join “%(group)s”."),
        audience=COORDINATORS,
    )
)
JOIN_DECIDED = register(
    Kind(
        name="workgroups.join_decided",
        label=_("Answers to your requests to join a group"),
        message=_("Your request to join “%(group)s”: %(decision)s."),
        urgent=True,
    )
)
NEW_POST = register(
    Kind(
        name="workgroups.new_post",
        label=_("New posts in discussions you follow"),
        message=_("%(person)s wrote in “%(thread)s” (%(group)s)."),
    )
)
POST_REPORTED = register(
    Kind(
        name="workgroups.post_reported",
        label=_("Reported posts (staff)"),
        message=_("A post in “%(thread)s” was reported: %(reason)s"),
        staff_only=True,
    )
)
MEETING_PUBLISHED = register(
    Kind(
        name="workgroups.meeting_published",
        label=_("New meetings of your groups"),
        message=_("New meeting of “%(group)s”: %(meeting)s, %(when)s."),
    )
)
MEETING_PROPOSED = register(
    Kind(
        name="workgroups.meeting_proposed",
        label=_("Self-organised meetings to approve (staff)"),
        message=_("%(person)s proposes the meeting “%(meeting)s” (%(group)s)."),
        staff_only=True,
    )
)
MEETING_DECIDED = register(
    Kind(
        name="workgroups.meeting_decided",
        label=_("Answers to the meetings you propose"),
        message=_("Your meeting “%(meeting)s”: %(decision)s. %(reason)s"),
        urgent=True,
    )
)
MEETING_CHANGED = register(
    Kind(
        name="workgroups.meeting_changed",
        label=_("Reminders and changes of meetings you attend"),
        message=_("Meeting “%(meeting)s” (%(when)s): %(change)s"),
        urgent=True,
    )
)
SEAT_OFFERED = register(
    Kind(
        name="workgroups.seat_offered",
        label=_("Seats offered to you from a waiting list"),
        message=_("A seat is free for you at “%(meeting)s” (%(when)s): confirm it by %(until)s."),
        urgent=True,
    )
)
OFFER_LAPSED = register(
    Kind(
        name="workgroups.offer_lapsed",
        label=_("Offers of a seat that expired"),
        message=_(
            "The seat offered to you at “%(meeting)s” was not confirmed in time and passed to "
            "the next person. You can join the waiting list again."
        ),
    )
)
MINUTES_RECORDED = register(
    Kind(
        name="workgroups.minutes_recorded",
        label=_("Minutes and outcomes of meetings"),
        message=_("The minutes of “%(meeting)s” (%(group)s) are available."),
    )
)
PROPOSAL_SUBMITTED = register(
    Kind(
        name="workgroups.proposal_submitted",
        label=_("Proposals to moderate (staff)"),
        message=_("New proposal to moderate: “%(title)s” (%(group)s)."),
        staff_only=True,
    )
)
PROPOSAL_CHANGED = register(
    Kind(
        name="workgroups.proposal_changed",
        label=_("Progress of proposals you wrote or follow"),
        message=_("“%(title)s” is now: %(status)s. %(reason)s"),
        urgent=True,
    )
)
COAUTHOR_INVITED = register(
    Kind(
        name="workgroups.coauthor_invited",
        label=_("Invitations to co-author a proposal"),
        message=_("%(person)s invites you to co-author “%(title)s”."),
        urgent=True,
    )
)
PROPOSAL_ACTIVITY = register(
    Kind(
        name="workgroups.proposal_activity",
        label=_("Endorsements and comments on proposals you wrote or follow"),
        message=_("“%(title)s”: %(activity)s"),
    )
)
PROPOSAL_ANSWERED = register(
    Kind(
        name="workgroups.proposal_answered",
        label=_("The board's answers to your groups' proposals"),
        message=_("The board answered “%(title)s” (%(group)s): %(answer)s."),
    )
)
COAUTHOR_ANSWERED = register(
    Kind(
        name="workgroups.coauthor_answered",
        label=_("Answers to your invitations to co-author"),
        message=_("%(person)s answered your invitation to co-author “%(title)s”: %(decision)s."),
        urgent=True,
    )
)
COORDINATOR_NEEDED = register(
    Kind(
        name="workgroups.coordinator_needed",
        label=_("Groups left without a coordinator (staff)"),
        message=_(
            "“%(group)s” has no coordinator any more: the membership of %(person)s has ended. "
            "Please appoint a new coordinator."
        ),
        urgent=True,
        staff_only=True,
    )
)
PROPOSAL_TO_FORWARD = register(
    Kind(
        name="workgroups.proposal_to_forward",
        label=_("Published proposals of your groups to forward to the board (coordinators)"),
        message=_("“%(title)s” (%(group)s) was published: you can forward it to the board."),
        audience=COORDINATORS,
    )
)
PROPOSAL_FORWARDED = register(
    Kind(
        name="workgroups.proposal_forwarded",
        label=_("Recommendations forwarded to the board (board)"),
        message=_("“%(title)s” (%(group)s) was forwarded to the board: it waits for an answer."),
        audience=BOARD,
    )
)
