"""Member matching's panel of a person's dashboard and what waits for them (found by
coopportal.core.discovery): their profile's completeness (or an invitation to write one), and the
contact requests waiting for their answer. A constant number of queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_member
from coopportal.core.waiting import YOU, Waiting

from .models import ContactRequest, Profile

SHOWN = 5


def _waiting_requests(user):
    return ContactRequest.objects.filter(
        recipient=user, status=ContactRequest.Status.PENDING, expires_at__gt=timezone.now()
    )


def panel(request):
    user = request.user
    member = bool(is_member(user))
    return {
        "template": "matching/partials/_dashboard_panel.html",
        "is_member": member,
        "profile": Profile.objects.filter(user=user).only("pk", "completeness").first()
        if member
        else None,
        "requests": list(
            _waiting_requests(user).select_related("sender").order_by("created_at")[:SHOWN]
        )
        if member
        else [],
    }


def waiting(user) -> list[Waiting]:
    if not is_member(user):
        return []
    count = _waiting_requests(user).count()
    label = ngettext(
        "%(count)s contact request waiting for your answer",
        "%(count)s contact requests waiting for your answer",
        count,
    ) % {"count": count}
    return [Waiting(YOU, label, count, reverse("matching:contact_list"))]
