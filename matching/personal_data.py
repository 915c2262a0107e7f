"""What member matching holds about a person (see coopportal.core.data_rights). Erasure deletes
their profile (photo, contacts, texts; reports about it go with it), saved searches and the
messages of their contact requests."""

from coopportal.core.data_rights import delete_files, export_holds

from .models import ContactRequest, Profile, ProfileSearch

HOLDS = {
    "matching.Profile": ["user", "hidden_by"],
    "matching.ContactRequest": ["sender", "recipient"],
    "matching.Block": ["blocker", "blocked"],
    "matching.Report": ["reporter", "handled_by"],
    "matching.ProfileSearch": ["user"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def identifiers(user) -> list[str]:
    """The contacts of their profile (a phone number names a person as well as a name does)."""
    found = []
    for profile in Profile.objects.filter(user=user):
        found += [profile.display_name, profile.contact_email, profile.contact_phone]
    return found


def erase(user) -> None:
    profiles = Profile.objects.filter(user=user)
    delete_files(profiles, "photo")
    profiles.delete()
    ContactRequest.objects.filter(sender=user).update(message="")
    ProfileSearch.objects.filter(user=user).delete()
