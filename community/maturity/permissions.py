"""Who may do what with the self-assessment (django-rules predicates, used by the views, the
services and, as ready booleans, the templates).

Members assess their cooperative; one person's results are theirs (and staff's) only; staff and
the board see the results grouped by territory and sector, never a group of fewer than 5."""

import rules

from coopportal.accounts.permissions import (
    is_authenticated,
    is_board_member,
    is_member,
    is_staff_member,
)


@rules.predicate
def is_own_assessment(user, assessment) -> bool:
    return assessment is not None and assessment.user_id == getattr(user, "pk", None)


can_take_assessment = is_member
# a former member still sees their own results (they are their data), not new ones
can_view_assessment = (is_authenticated & is_own_assessment) | is_staff_member
can_view_overview = is_staff_member | is_board_member

rules.add_rule("community.take_maturity_assessment", can_take_assessment)
rules.add_rule("community.view_maturity_assessment", can_view_assessment)
rules.add_rule("community.view_maturity_overview", can_view_overview)
