"""Training's panel of a person's dashboard and what waits for them (found by
coopportal.core.discovery): their next session, the seats offered to them with the deadline to
confirm, and their places on waiting lists. A constant number of queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.dates import format_date
from coopportal.core.waiting import YOU, Waiting, both, shared

from .models import CourseSession, CourseStatus, Enrolment, EnrolmentStatus

SHOWN = 5


def _mine(user, status):
    return Enrolment.objects.filter(
        user=user, status=status, course__status=CourseStatus.PUBLISHED
    ).select_related("course")


def _seats(user):
    """(offers, waiting): the seats offered to the person not yet expired and their places on
    waiting lists, `SHOWN` of each, in one query (a UNION ALL of the two), once per page."""

    def read():
        now = timezone.now()
        offered = (
            _mine(user, EnrolmentStatus.OFFERED)
            .filter(offer_expires_at__gt=now)
            .order_by("offer_expires_at")[:SHOWN]
        )
        waiting = _mine(user, EnrolmentStatus.WAITING).order_by("waiting_since")[:SHOWN]
        rows = both(offered, waiting)
        return (
            sorted((e for e in rows if e.status == EnrolmentStatus.OFFERED),
                   key=lambda e: (e.offer_expires_at, e.pk)),
            sorted((e for e in rows if e.status == EnrolmentStatus.WAITING),
                   key=lambda e: (e.waiting_since is None, e.waiting_since or now, e.pk)),
        )  # fmt: skip

    return shared(user, "training", read)


def panel(request):
    user = request.user
    now = timezone.now()
    next_session = (
        CourseSession.objects.filter(
            ends_at__gt=now,
            course__status=CourseStatus.PUBLISHED,
            course__enrolments__user=user,
            course__enrolments__status=EnrolmentStatus.CONFIRMED,
        )
        .select_related("course")
        .order_by("starts_at")
        .first()
    )
    offers, waiting = _seats(user)
    return {
        "template": "training/partials/_dashboard_panel.html",
        "next_session": next_session,
        "offers": offers,
        "waiting": waiting,
    }


def waiting(user) -> list[Waiting]:
    if not is_authenticated(user):
        return []
    offers, _ = _seats(user)
    entries = [
        (
            f"{seat.course.title} — "
            + format_date(timezone.localtime(seat.offer_expires_at), "DATETIME_FORMAT"),
            seat.course.get_absolute_url(),
        )
        for seat in offers
    ]
    count = len(offers)
    label = ngettext(
        "%(count)s seat in a course offered to you: confirm it in time",
        "%(count)s seats in courses offered to you: confirm them in time",
        count,
    ) % {"count": count}
    url = offers[0].course.get_absolute_url() if count == 1 else reverse("training:index")
    return [Waiting(YOU, label, count, url, entries)]
