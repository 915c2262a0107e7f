"""What calls hold about a person (see coopportal.core.data_rights). Erasure keeps applications
and reviews (the cooperative's record, under "Deleted member") and ends follows, reminders and
saved searches."""

from coopportal.core.data_rights import export_holds

from .models import CallFollow, CallReminder, SavedSearch

HOLDS = {
    "calls.ActionResponse": ["user"],
    "calls.ImportRun": ["requested_by"],
    "calls.Application": ["lead", "decided_by"],
    "calls.CoApplicant": ["user"],
    "calls.ApplicationAttachment": ["uploaded_by"],
    "calls.RuleDeclaration": ["declared_by"],
    "calls.Review": ["reviewer", "assigned_by"],
    "calls.CallFollow": ["user"],
    "calls.SavedSearch": ["user"],
    "calls.CallReminder": ["user"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    CallFollow.objects.filter(user=user).delete()
    CallReminder.objects.filter(user=user).delete()
    SavedSearch.objects.filter(user=user).delete()
