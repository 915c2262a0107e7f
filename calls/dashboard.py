"""The funding calls' panel of a person's dashboard and what waits for them (found by
coopportal.core.discovery): applications to review and decide (staff), invitations to answer,
reviews to write and drafts to finish (everyone). Counts in one aggregate query."""

from django.urls import reverse
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member
from coopportal.core.waiting import STAFF, YOU, Waiting, counts

from .models import Application, CallStatus, CoApplicant, Review
from .selectors.follows import followed_calls

Status = Application.Status
SHOWN = 5


def panel(request):
    user = request.user
    return {
        "template": "calls/partials/_dashboard_panel.html",
        "is_member": bool(is_member(user)),
        "followed": list(followed_calls(user).filter(status=CallStatus.OPEN)[:SHOWN]),
        "applications": list(
            Application.objects.filter(lead=user)
            .exclude(status=Status.WITHDRAWN)
            .select_related("call")
            .order_by("-updated_at")[:SHOWN]
        ),
    }


def waiting(user) -> list[Waiting]:
    if not is_authenticated(user):
        return []
    querysets = {
        "invitations": CoApplicant.objects.filter(user=user, status=CoApplicant.Status.PENDING),
        "reviews": Review.objects.filter(
            reviewer=user,
            submitted_at__isnull=True,
            conflict_declared_at__isnull=True,
            application__status__in=(Status.SUBMITTED, Status.IN_REVIEW),
        ),
        "drafts": Application.objects.filter(
            lead=user, status__in=(Status.DRAFT, Status.CHANGES_REQUESTED)
        ),
    }
    staff = bool(is_staff_member(user))
    if staff:
        querysets["submitted"] = Application.objects.filter(status=Status.SUBMITTED)
    found = counts(**querysets)
    mine = reverse("calls:application_list")
    items = [
        Waiting(
            YOU,
            ngettext(
                "%(count)s invitation to apply together",
                "%(count)s invitations to apply together",
                found["invitations"],
            )
            % {"count": found["invitations"]},
            found["invitations"],
            mine,
        ),
        Waiting(
            YOU,
            ngettext(
                "%(count)s application to review",
                "%(count)s applications to review",
                found["reviews"],
            )
            % {"count": found["reviews"]},
            found["reviews"],
            mine,
        ),
        Waiting(
            YOU,
            ngettext(
                "%(count)s application to finish and submit",
                "%(count)s applications to finish and submit",
                found["drafts"],
            )
            % {"count": found["drafts"]},
            found["drafts"],
            mine,
        ),
    ]
    if staff:
        items.insert(
            0,
            Waiting(
                STAFF,
                ngettext(
                    "%(count)s application submitted to review",
                    "%(count)s applications submitted to review",
                    found["submitted"],
                )
                % {"count": found["submitted"]},
                found["submitted"],
                f"{reverse('admin:calls_application_changelist')}?status__exact=submitted",
            ),
        )
    return items
