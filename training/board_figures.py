"""Training's figures the board shows and the periodic report lists (found by
coopportal.core.discovery; contract in coopportal.core.figures): enrolments, the fill rate of the
courses, the people waiting for a seat now, the attendance rate, the certificates issued and the
average feedback rating, and the enrolments by month and status. Aggregate queries only."""

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import GREEN, Chart, Figure, Period, Series, by_month, who

from .models import (
    Attendance,
    Certificate,
    Course,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Feedback,
)

Status = EnrolmentStatus
STATUS_COLOURS = {
    Status.CONFIRMED: GREEN,
    Status.WAITING: "#a85400",
    Status.OFFERED: "#0a58ca",
    Status.EXPIRED: "#5c636a",
    Status.CANCELLED: "#b02a37",
}


def active_people(since, until) -> list:
    return [who(Enrolment, "user_id", since, until), who(Feedback, "user_id", since, until)]


def _percent(part, whole) -> int:
    return round(100 * (part or 0) / whole) if whole else 0


def _by_status(period: Period) -> list[Series]:
    """Enrolments made each month, by the status they have now."""
    made = Enrolment.objects.filter(period.within("created_at"))
    rows = list(by_month(made, "created_at", extra=("status",)))
    series = []
    for status in Status.values:
        values = period.series((month, n) for month, s, n in rows if s == status)
        if any(values):
            series.append(Series(Status(status).label, STATUS_COLOURS[status], values))
    return series


def _fill_rate(period: Period) -> int:
    """Confirmed seats over the seats of the limited courses whose first session falls in the
    period (published, not cancelled)."""
    courses = Course.objects.filter(
        period.within("first_starts_at"), status=CourseStatus.PUBLISHED, capacity__isnull=False
    )
    seats = courses.aggregate(seats=Sum("capacity"))["seats"]
    confirmed = Enrolment.objects.filter(
        course__in=courses.values("pk"), status=Status.CONFIRMED
    ).count()
    return _percent(confirmed, seats)


def figures(period: Period) -> list:
    enrolments = Enrolment.objects.aggregate(
        made=Count("pk", filter=period.within("created_at")),
        waiting_people=Count("user", filter=Q(status=Status.WAITING), distinct=True),
    )
    attendance = Attendance.objects.filter(period.within("session__starts_at")).aggregate(
        marked=Count("pk"), present=Count("pk", filter=Q(present=True))
    )
    certificates = Certificate.objects.filter(
        period.within("issued_at"), revoked_at__isnull=True
    ).count()
    rating = Feedback.objects.filter(period.within("created_at")).aggregate(avg=Avg("rating"))
    return [
        Figure("course_enrolments", _("Enrolments in courses"), enrolments["made"]),
        Figure(
            "course_fill_rate",
            _("Seats of the courses taken (%)"),
            _fill_rate(period),
            note=_(
                "Seats taken: confirmed enrolments over the seats of the courses with a limit "
                "that started in the period."
            ),
        ),
        Figure(
            "course_waiting_people",
            _("People on a course's waiting list now"),
            enrolments["waiting_people"],
        ),
        Figure(
            "course_attendance_rate",
            _("Attendance at the sessions (%)"),
            _percent(attendance["present"], attendance["marked"]),
            note=_("Attendance: people present over those on the registers of the period."),
        ),
        Figure("certificates_issued", _("Certificates of attendance issued"), certificates),
        Figure(
            "course_feedback_rating",
            _("Average rating of the courses (percentage of 5 stars)"),
            _percent(rating["avg"], 5),
            note=_("Average rating: the feedback given in the period; 5 stars are 100%."),
        ),
        Chart(
            "course_enrolments_by_month",
            _("Enrolments in courses by month, by status today"),
            _by_status(period),
            has_legend=True,
        ),
    ]
