"""What accounts holds about a person (see coopportal.core.data_rights): the account, membership
requests, e-mail addresses, second factors, calendar feed, archives, admin history."""

from django.contrib.admin.models import LogEntry
from django.utils import timezone

from coopportal.core.data_rights import delete_files, export_holds, rows

from .models import CalendarFeed, DataArchive, MembershipRequest, User

HOLDS = {
    "accounts.MembershipRequest": ["user", "reviewed_by"],
    "accounts.CalendarFeed": ["user"],
    "accounts.DataArchive": ["user"],
    "account.EmailAddress": ["user"],
    "mfa.Authenticator": ["user"],
    "admin.LogEntry": ["user"],
}
SECRET_SECTIONS = ("accounts.CalendarFeed", "mfa.Authenticator")


def export(user) -> dict[str, list[dict]]:
    sections = {"accounts.User": rows(User.objects.filter(pk=user.pk))}
    sections["accounts.User"][0]["sectors"] = list(user.sectors.values_list("code", flat=True))
    sections["accounts.User"][0]["groups"] = list(user.groups.values_list("name", flat=True))
    holds = {label: fks for label, fks in HOLDS.items() if label not in SECRET_SECTIONS}
    sections.update(export_holds(holds, user))
    sections["mfa.Authenticator"] = [
        {"type": a.type, "created_at": a.created_at.isoformat()}
        for a in user.authenticator_set.all()
    ]
    sections["accounts.CalendarFeed"] = [
        {"created_at": f.created_at.isoformat()} for f in CalendarFeed.objects.filter(user=user)
    ]
    return sections


def erase(user) -> None:
    """Their membership requests, feed, archives, e-mail addresses and second factors go; the
    account row itself is anonymised last, by
    coopportal.accounts.your_data.account_erase."""
    MembershipRequest.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    delete_files(DataArchive.objects.filter(user=user), "file")
    DataArchive.objects.filter(user=user).delete()
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    LogEntry.objects.filter(user=user).update(change_message="")


def purge(now=None) -> int:
    """Archives past their seven days: file and row deleted."""
    now = now or timezone.now()
    expired = DataArchive.objects.filter(expires_at__lt=now)
    delete_files(expired, "file")
    return expired.delete()[0]
