"""Who may do what in the showcase of good practices. Pure predicates (django-rules).

Everybody (visitors too) reads the published cases; members propose cases and edit their own
while they are drafts or returned for changes; staff with the permission to change good
practices validate the submitted ones (publish, return for changes, reject). A proposer always
sees their own cases; staff see every case.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import EDITABLE, PracticeStatus


@rules.predicate
def is_proposer(user, practice) -> bool:
    return is_authenticated(user) and practice.proposer_id == user.pk


@rules.predicate
def is_published(user, practice) -> bool:
    return practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_editable(user, practice) -> bool:
    return practice.status in EDITABLE


@rules.predicate
def can_validate_practices(user, practice=None) -> bool:
    return is_staff_member(user) and user.has_perm("community.change_practice")


can_propose_practice = is_member
can_view_practice = is_published | is_proposer | can_validate_practices
can_edit_practice = is_member & is_proposer & is_editable
can_submit_practice = is_member & is_proposer
