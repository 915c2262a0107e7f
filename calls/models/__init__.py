"""The calls app's data: the catalogue of funding calls (catalogue.py) and who follows what
(follows.py)."""

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
    "Beneficiary",
    "CallDeadline",
    "CallDocument",
    "CallFollow",
    "CallReminder",
    "CallStatus",
    "EnterpriseSize",
    "FunderType",
    "FundingCall",
    "ImportRun",
    "SavedSearch",
    "Source",
]
