"""The seats of group meetings: going, not going, the waiting list of a full meeting and the
offers that pass a freed seat to the next person (the engine is coopportal/core/capacity.py).

A member who answers "going" to a full meeting joins its waiting list and sees their position.
When a seat frees (someone cancels, leaves the group, an offer lapses, the seats grow), the first
person waiting is offered it until a deadline (24 hours, never past the start) and told at once
in the bell and by e-mail; they confirm it or let it go. The beat job
`workgroups.expire_seat_offers` moves lapsed offers on.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.capacity import (
    Capacity,
    capacity_change,
    offers_expire,
    parents_with_lapsed_offers,
    seat_release,
    seat_take,
    waiting_position,
)
from coopportal.core.dates import format_date
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import Meeting, MeetingRSVP
from .meetings import when

Status = Meeting.Status
Answer = MeetingRSVP.Answer

OFFER_HOURS = 24
SHORTEST_OFFER = timedelta(minutes=30)  # closer to the start, a freed seat is simply free


def offer_until(meeting, now):
    """Until when an offered seat waits for its person: a day, never past the start; None (no
    offers) for a meeting that is not published or starts too soon."""
    if meeting.status != Status.PUBLISHED:
        return None
    until = min(now + timedelta(hours=OFFER_HOURS), meeting.starts_at)
    return until if until - now >= SHORTEST_OFFER else None


SEATS = Capacity(
    name="workgroups.meeting_seat",
    parent=Meeting,
    seat=MeetingRSVP,
    parent_fk="meeting",
    status_field="answer",
    holding=Answer.GOING,
    released=Answer.NOT_GOING,
    waiting=Answer.WAITING,
    offered=Answer.OFFERED,
    offer_until=offer_until,
)


def tell(meeting, change):
    """Tell whom a change offered a seat, or whose offer lapsed (in the caller's transaction)."""
    context = {"meeting": meeting.title, "when": when(meeting)}
    for until, people in change.offered_by_deadline(SEATS).items():
        notify(
            notifications.SEAT_OFFERED.name,
            people,
            target=meeting,
            context={**context, "until": format_date(timezone.localtime(until), "DATETIME_FORMAT")},
        )
    if change.lapsed and meeting.status == Status.PUBLISHED:
        notify(
            notifications.OFFER_LAPSED.name,
            [seat.user_id for seat in change.lapsed],
            target=meeting,
            context=context,
        )


@transaction.atomic
def meeting_rsvp(*, meeting, by, answer) -> MeetingRSVP:
    """A member of the group answers. "going" takes a free seat, confirms the seat offered to them
    or, when the meeting is full, puts them at the end of its waiting list; "not going" gives up
    a seat, an offer or a place on the list (the freed seat is offered to the next person). The
    meeting row is locked, so simultaneous answers queue up and never overbook it."""
    if answer not in (Answer.GOING, Answer.NOT_GOING):
        raise WorkgroupError(_("Unknown answer."), code="invalid")

    def allowed(locked):  # on the locked row: the meeting may have been cancelled meanwhile
        if not permissions.can_rsvp_meeting(by, locked):
            raise WorkgroupError(_("You cannot answer for this meeting."), code="forbidden")

    take = seat_take if answer == Answer.GOING else seat_release
    change = take(SEATS, meeting, user=by, guard=allowed)
    tell(meeting, change)
    return change.seat


@transaction.atomic
def meeting_seats_change(*, meeting, by, capacity) -> Meeting:
    """Staff or coordinators change the seats; more seats are offered to the people waiting."""
    if capacity is not None and capacity < 1:
        raise WorkgroupError(_("The seats must be at least 1."), code="capacity")
    change = capacity_change(SEATS, meeting, limit=capacity, by=by)
    tell(meeting, change)
    return meeting


def expire_offers(*, meeting_id) -> int:
    """The beat job's task for one meeting: its lapsed offers move on. Returns how many lapsed."""
    with transaction.atomic():
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        if meeting is None:
            return 0
        change = offers_expire(SEATS, meeting)
        tell(meeting, change)
    return len(change.lapsed)


def meetings_with_lapsed_offers(now=None):
    """The meetings that have an offer past its deadline (what the beat job fans out)."""
    return parents_with_lapsed_offers(SEATS, now)


def give_up_seats(*, user, meetings, by=None):
    """Someone leaves the group (or the cooperative): their seats, offers and places on the
    lists of these meetings go, and the freed seats are offered to the next people."""
    for meeting in meetings:
        change = seat_release(SEATS, meeting, user=user, by=by)
        tell(meeting, change)


def position(seat) -> int | None:
    """Where the person is on the waiting list (1 = next), or None."""
    return waiting_position(SEATS, seat) if seat is not None else None
