"""The calls app's data: the catalogue of funding calls (catalogue.py), who follows what
(follows.py), and the applications through the cooperative with their reviews (applications.py)."""

from .actions import ActionResponse, CallToAction
from .applications import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    BudgetLine,
    CoApplicant,
    CoApplicantStatus,
    Criterion,
    Review,
    ReviewScore,
    Rule,
    RuleDeclaration,
    RuleKind,
)
from .catalogue import (
    Beneficiary,
    CallDeadline,
    CallDocument,
    CallStatus,
    EnterpriseSize,
    FunderType,
    FundingCall,
    ImportRun,
    Source,
)
from .follows import CallFollow, CallReminder, SavedSearch

__all__ = [
    "ActionResponse",
    "Application",
    "ApplicationAttachment",
    "ApplicationStatus",
    "Beneficiary",
    "BudgetLine",
    "CallDeadline",
    "CallDocument",
    "CallFollow",
    "CallReminder",
    "CallStatus",
    "CallToAction",
    "CoApplicant",
    "CoApplicantStatus",
    "Criterion",
    "EnterpriseSize",
    "FunderType",
    "FundingCall",
    "ImportRun",
    "Review",
    "ReviewScore",
    "Rule",
    "RuleDeclaration",
    "RuleKind",
    "SavedSearch",
    "Source",
]
