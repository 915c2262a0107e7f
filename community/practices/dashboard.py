"""What waits in the showcase of good practices on a person's dashboard (found through the
community app's dashboard module): a member's cases returned for changes, and for staff the
cases waiting for validation. One query."""

from django.urls import reverse
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_staff_member
from coopportal.core.waiting import STAFF, YOU, Waiting, counts

from .models import Practice

Status = Practice.Status


def waiting(user) -> list[Waiting]:
    if not getattr(user, "is_authenticated", False):
        return []
    staff = bool(is_staff_member(user))  # no query: the Staff group holds the permission
    querysets = {
        "returned": Practice.objects.filter(proposer=user, status=Status.CHANGES_REQUESTED)
    }
    if staff:
        querysets["to_validate"] = Practice.objects.filter(status=Status.SUBMITTED)
    found = counts(**querysets)
    items = [
        Waiting(
            YOU,
            ngettext(
                "%(count)s good practice of yours returned for changes",
                "%(count)s good practices of yours returned for changes",
                found["returned"],
            )
            % {"count": found["returned"]},
            found["returned"],
            reverse("community:practice_mine"),
        )
    ]
    if staff:
        items.append(
            Waiting(
                STAFF,
                ngettext(
                    "%(count)s good practice to validate",
                    "%(count)s good practices to validate",
                    found["to_validate"],
                )
                % {"count": found["to_validate"]},
                found["to_validate"],
                reverse("community:practice_review"),
            )
        )
    return items
