"""Who may do what with the shared spaces. Pure predicates (django-rules) on (user, object).

Everyone sees the spaces and their calendars; booking needs an account, and a members-only
resource a verified membership. A booking is seen (and its .ics downloaded, cancelled,
confirmed) only by its person; staff see the day's bookings and mark no-shows.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import Audience


@rules.predicate
def can_manage_spaces(user, obj=None) -> bool:
    return is_staff_member(user)


@rules.predicate
def audience_admits(user, resource) -> bool:
    return resource.audience == Audience.ALL or is_member(user)


can_book = is_authenticated & audience_admits


@rules.predicate
def is_own_booking(user, booking) -> bool:
    return is_authenticated(user) and booking.user_id == user.pk


@rules.predicate
def is_visible_space(user, space) -> bool:
    return space.is_active


can_view_space = is_visible_space | can_manage_spaces
