"""What waits for staff in the toolbox: the suggestions of members to publish or reject."""

from django.urls import reverse
from django.utils.translation import ngettext

from coopportal.core.waiting import STAFF, Waiting

from .models import ResourceStatus
from .permissions import can_moderate_resources
from .selectors import waiting_suggestions


def waiting(user) -> list[Waiting]:
    if not can_moderate_resources(user):
        return []
    count = waiting_suggestions().count()
    label = ngettext(
        "%(count)s resource suggested for the toolbox waiting for a decision",
        "%(count)s resources suggested for the toolbox waiting for a decision",
        count,
    ) % {"count": count}
    url = reverse("admin:community_resource_changelist") + (
        f"?status__exact={ResourceStatus.SUGGESTED.value}"
    )
    return [Waiting(STAFF, label, count, url)]
