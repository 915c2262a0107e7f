"""Who may do what at the matching events. Pure predicates (django-rules) on (user, object).

Visitors and everybody see published events; staff see drafts too. Members register to any
published event before its deadline; participants who are not (yet) members only where staff
opened it to them (`open_to_participants`). The catalogue and the requests are for the people
registered (and staff, who read them). A request is answered by its recipient and withdrawn by its
requester; a meeting's time is picked by the side the event's `slot_choice` names.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import EventStatus, SlotChoice


@rules.predicate
def is_system(user, obj=None) -> bool:
    """Moves made by the portal itself (a beat job), never by a person."""
    return user is None


@rules.predicate
def can_view_event(user, event) -> bool:
    return event.status == EventStatus.PUBLISHED or bool(is_staff_member(user))


@rules.predicate
def may_take_part(user, event) -> bool:
    """The person's role lets them register to `event` (whatever its deadline)."""
    if not is_authenticated(user):
        return False
    return bool(is_member(user)) or event.open_to_participants


@rules.predicate
def can_register(user, event) -> bool:
    return may_take_part(user, event) and event.registration_open


@rules.predicate
def is_own_registration(user, registration) -> bool:
    return is_authenticated(user) and registration.user_id == user.pk


@rules.predicate
def is_recipient(user, meeting_request) -> bool:
    return is_authenticated(user) and meeting_request.recipient.user_id == user.pk


@rules.predicate
def is_requester(user, meeting_request) -> bool:
    return is_authenticated(user) and meeting_request.requester.user_id == user.pk


@rules.predicate
def can_manage_events(user, obj=None) -> bool:
    return is_staff_member(user) and user.has_perm("community.change_matchingevent")


can_answer_request = is_recipient
can_withdraw_request = is_requester
# a registration is cancelled by its owner, staff, or the portal (a membership ended); a
# cancelled one is renewed by its owner
can_cancel_registration = is_own_registration | can_manage_events | is_system
can_renew_registration = is_own_registration
# a request ends when one of the two cancels their registration (or the requester withdraws it)
can_cancel_request = is_requester | is_recipient | is_system | can_manage_events


def picker_of(meeting) -> str:
    """Who picks `meeting`'s time: "requester", "recipient" or "" (the scheduler or staff)."""
    choice = meeting.event.slot_choice
    return choice if choice in (SlotChoice.REQUESTER, SlotChoice.RECIPIENT) else ""


@rules.predicate
def can_pick_slot(user, meeting) -> bool:
    """`user` is the side of `meeting` who picks its time (the event says which)."""
    if not is_authenticated(user) or meeting.cancelled_at is not None:
        return False
    side = picker_of(meeting)
    if not side:
        return False
    registration = getattr(meeting.request, side)
    return registration.user_id == user.pk
