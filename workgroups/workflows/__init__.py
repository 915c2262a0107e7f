"""The workgroups' state machines (coopportal.core.workflow), one module per feature.

Declared here, not next to the models, because their predicates live in workgroups/permissions.py,
which imports the models. core.workflow.all_workflows() imports this package.
"""

from .discussion import POST_REPORT
from .groups import GROUP_MEMBERSHIP
from .meetings import MEETING
from .proposals import COAUTHOR, PROPOSAL, PROPOSAL_ANSWER

__all__ = ["COAUTHOR", "GROUP_MEMBERSHIP", "MEETING", "POST_REPORT", "PROPOSAL", "PROPOSAL_ANSWER"]
