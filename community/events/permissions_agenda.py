"""Who may see and do what with the agendas, the schedule and the outcomes of a matching event.

Pure predicates (django-rules). Staff who manage events
(permissions.can_manage_events) run the scheduler and read the figures; each person sees only
their own agenda and marks only their own side of a meeting.
"""

import rules

from coopportal.accounts.permissions import is_authenticated

from .permissions import can_manage_events, is_system

can_manage_agenda = can_manage_events


@rules.predicate
def is_own_side(user, side) -> bool:
    return bool(is_authenticated(user)) and side.registration.user_id == user.pk


# staff, or the portal itself (the demo seed): `by=None`
can_run_schedule = can_manage_agenda | is_system
can_view_event_figures = can_manage_agenda
can_mark_side = is_own_side
