"""Who may do what in member matching. Pure predicates (django-rules) on (user, object).

The directory, the profiles, the suggestions and the partner finder are for members (and staff);
participants who are not members cannot reach them. A member sees a profile only when it is listed
(`models.profiles.LISTED`) and neither of the two blocked the other; their own profile always.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

can_use_matching = is_member | is_staff_member


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return is_authenticated(user) and profile.user_id == user.pk


@rules.predicate
def is_recipient(user, request) -> bool:
    return is_authenticated(user) and request.recipient_id == user.pk


@rules.predicate
def is_sender(user, request) -> bool:
    return is_authenticated(user) and request.sender_id == user.pk


@rules.predicate
def is_system(user, obj=None) -> bool:
    """Moves made by the portal itself (a beat job), never by a person."""
    return user is None


@rules.predicate
def can_moderate_reports(user, report=None) -> bool:
    return is_staff_member(user) and user.has_perm("matching.change_report")


@rules.predicate
def can_hide_profiles(user, profile=None) -> bool:
    return is_staff_member(user) and user.has_perm("matching.change_profile")


can_edit_profile = is_member & is_own_profile
can_answer_contact = is_member & is_recipient
can_withdraw_contact = is_sender
