"""The workgroups' state machines (coopportal.core.workflow), one module per feature.

Declared here, not next to the models, because their predicates live in workgroups/permissions.py,
which imports the models. core.workflow.all_workflows() imports this package.
"""

from .proposals import COAUTHOR, PROPOSAL, PROPOSAL_ANSWER

__all__ = ["COAUTHOR", "PROPOSAL", "PROPOSAL_ANSWER"]
