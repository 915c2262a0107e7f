"""What waits for a board member on their dashboard (found by coopportal.core.discovery)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import ngettext

from coopportal.core.waiting import BOARD, Waiting
from workgroups.models import Proposal

from . import permissions
from .models import BoardMeeting

SHOWN = 5


def waiting(user) -> list[Waiting]:
    if not permissions.can_use_board_area(user):
        return []
    unanswered = Proposal.objects.filter(status=Proposal.Status.FORWARDED, answer="").count()
    upcoming = BoardMeeting.objects.filter(
        status=BoardMeeting.Status.PLANNED, starts_at__gt=timezone.now()
    )
    planned = upcoming.count()
    meetings = list(upcoming.order_by("starts_at", "pk")[:SHOWN]) if planned else []
    items = [
        Waiting(
            BOARD,
            ngettext(
                "%(count)s recommendation waiting for an answer",
                "%(count)s recommendations waiting for an answer",
                unanswered,
            )
            % {"count": unanswered},
            unanswered,
            f"{reverse('board:index')}?state=waiting",
        )
    ]
    if meetings:
        items.append(
            Waiting(
                BOARD,
                ngettext(
                    "%(count)s board meeting to attend",
                    "%(count)s board meetings to attend",
                    planned,
                )
                % {"count": planned},
                planned,
                reverse("board:meeting_list"),
                [
                    (
                        f"{m.title} ({date_format(localtime(m.starts_at), 'SHORT_DATE_FORMAT')})",
                        m.get_absolute_url(),
                    )
                    for m in meetings
                ],
            )
        )
    return items
