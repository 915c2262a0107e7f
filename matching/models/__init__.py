from .contacts import Block, ContactRequest, Report
from .profiles import (
    ContactVisibility,
    LegalForm,
    Profile,
    ProfileKind,
    ProfileVisibility,
    Tag,
    tag_key,
)
from .searches import ProfileSearch

__all__ = [
    "Block",
    "ContactRequest",
    "ContactVisibility",
    "LegalForm",
    "Profile",
    "ProfileKind",
    "ProfileSearch",
    "ProfileVisibility",
    "Report",
    "Tag",
    "tag_key",
]
