"""Reads of the training catalogue: the filtered list with its facets, a course's page with the
person's own enrolment, and the "my training" page.

Everybody sees the published courses (and opens the cancelled ones by their address); staff also
see drafts. The online link and the place of the sessions go only to the people
`permissions.can_see_online_link` admits (the enrolled, the trainers, staff): for the others the
selector leaves them out, so no template can show them.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.http import QueryDict
from django.utils import timezone

from coopportal.accounts.permissions import is_authenticated, is_member
from coopportal.core.http import get_or_404

from .. import permissions
from ..filters import CourseFilter
from ..models import (
    Certificate,
    Course,
    CourseFormat,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    TrainingArea,
)
from ..services import attendance as attendance_services
from ..services import enrolment as enrolment_services
from .attendance import attendance_rates_for

PAGE_SIZE = 20


class SubqueryCount(Subquery):
    """The number of rows of a subquery, as a column."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def visible_courses(user):
    """The courses the list shows `user`: the published ones, drafts too for staff."""
    statuses = [CourseStatus.PUBLISHED]
    if permissions.can_manage_training(user):
        statuses.append(CourseStatus.DRAFT)
    return Course.objects.filter(status__in=statuses)


def _as_querydict(params):
    if params is None:
        return QueryDict()
    if isinstance(params, str):
        return QueryDict(params)
    return params


def course_list(*, params, user, now=None):
    """(filterset, courses) for the catalogue page, the courses with their area."""
    queryset = visible_courses(user).select_related("area")
    filterset = CourseFilter(_as_querydict(params), queryset=queryset, user=user, now=now)
    return filterset, filterset.qs


@dataclass
class Facet:
    """The options of one filter, with how many of the listed courses each would keep."""

    name: str
    options: list = field(default_factory=list)  # [(value, label, count)], only counts > 0


def course_facets(queryset) -> dict:
    """Per area and per format: how many courses of `queryset` each keeps (two queries)."""
    ids = queryset.order_by().values("pk")
    courses = Course.objects.filter(pk__in=ids)
    formats = dict(
        courses.order_by().values_list("format").annotate(n=Count("pk")).values_list("format", "n")
    )
    areas = TrainingArea.objects.annotate(
        n=SubqueryCount(courses.filter(area=OuterRef("pk")).values("pk"))
    )
    return {
        "area": Facet("area", [(a.slug, a.name, a.n) for a in areas if a.n]),
        "format": Facet(
            "format",
            [
                (value, label, formats[value])
                for value, label in CourseFormat.choices
                if formats.get(value)
            ],
        ),
    }


def course_get(*, pk, user) -> Course:
    """The course at `pk` with its area, sessions and their trainers; a 404 for a draft to
    anyone but staff (missing and hidden look the same)."""
    course = (
        Course.objects.filter(pk=pk)
        .select_related("area")
        .prefetch_related(
            Prefetch("sessions", queryset=CourseSession.objects.select_related("trainer")),
            "trainers",
            "skills",
        )
        .first()
    )
    return get_or_404(course, allowed=permissions.can_view_course, user=user)


def course_for_action(*, pk, user) -> Course:
    """The course an enrolment action is about (no related rows); 404 when hidden."""
    return get_or_404(
        Course.objects.filter(pk=pk).first(), allowed=permissions.can_view_course, user=user
    )


@dataclass(frozen=True)
class Countdown:
    """What is left until a moment: whole days and hours (never negative)."""

    at: datetime
    days: int
    hours: int
    passed: bool


def countdown(moment, now=None) -> Countdown | None:
    if moment is None:
        return None
    now = now or timezone.now()
    seconds = max(0, int((moment - now).total_seconds()))
    return Countdown(moment, seconds // 86400, (seconds % 86400) // 3600, seconds == 0)


def list_row(course, now=None) -> dict:
    """What the list shows of one course (no query)."""
    now = now or timezone.now()
    return {
        "course": course,
        "starts": countdown(course.first_starts_at, now)
        if course.first_starts_at and course.first_starts_at > now
        else None,
        "seats_left": course.seats_left,
        "is_full": course.seats_left == 0,
        "is_draft": course.status == CourseStatus.DRAFT,
    }


@dataclass(frozen=True)
class SeatState:
    """The person's enrolment in a course, with the questions templates ask of it (they never
    compare status strings)."""

    seat: Enrolment | None
    position: int | None = None

    @property
    def status(self):
        return self.seat.status if self.seat else None

    @property
    def is_confirmed(self) -> bool:
        return self.status == EnrolmentStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == EnrolmentStatus.WAITING

    @property
    def is_offered(self) -> bool:
        return self.status == EnrolmentStatus.OFFERED

    @property
    def is_active(self) -> bool:
        """Holding a seat, offered one, or waiting: not free to enrol again."""
        return self.is_confirmed or self.is_waiting or self.is_offered

    @property
    def has_payment(self) -> bool:
        """A seat held that costs something: its price and payment state are shown."""
        return self.is_confirmed and bool(self.seat.price)


@dataclass
class SessionRow:
    session: CourseSession
    place: str
    online_url: str
    keeps_register: bool = False  # the session's trainer (or the course's) and staff
    checkin_open: bool = False  # a seat held, and the session is on (or about to be)


@dataclass
class CourseView:
    """Everything a course's page shows, decided here."""

    course: Course
    sessions: list
    seat: SeatState
    seats_left: int | None
    is_full: bool
    enrolment_open: bool
    can_enrol: bool  # the audience admits the person (visitors: they log in first)
    members_only_refused: bool  # logged in, not a member, members-only course
    shows_links: bool
    price_for_me: Decimal | None  # None for visitors: they see both prices
    cancellation_closes_at: datetime | None
    can_cancel_now: bool
    starts: Countdown | None
    is_draft: bool
    is_cancelled: bool


def course_view(course, user, now=None) -> CourseView:
    """The page of `course` (from `course_get`) as `user` sees it: a few queries, however many
    sessions or people enrolled."""
    now = now or timezone.now()
    seat = None
    if is_authenticated(user):
        seat = Enrolment.objects.filter(course=course, user=user).first()
    state = SeatState(seat, enrolment_services.position(seat))
    sessions = list(course.sessions.all())
    # the predicate is the same for every session of a course (a seat in it, teaching one of its
    # sessions, or staff): asked once, so the page does not make a query per session
    shows_links = bool(sessions) and permissions.can_see_online_link(user, sessions[0])
    staff = permissions.can_manage_training(user)
    holds = state.is_confirmed
    rows = [
        SessionRow(
            session=s,
            place=s.place if shows_links else "",
            online_url=s.online_url if shows_links else "",
            keeps_register=staff or permissions.teaches_session(user, s),
            checkin_open=holds and attendance_services.checkin_is_open(s, now),
        )
        for s in sessions
    ]
    closes = course.cancellation_closes_at()
    price = None
    if is_authenticated(user):
        price = course.price_for(is_member(user))
    seats_left = course.seats_left
    return CourseView(
        course=course,
        sessions=rows,
        seat=state,
        seats_left=seats_left,
        is_full=seats_left == 0,
        enrolment_open=course.enrolment_is_open(now),
        can_enrol=not is_authenticated(user) or permissions.audience_admits(user, course),
        members_only_refused=is_authenticated(user)
        and not permissions.audience_admits(user, course),
        shows_links=shows_links,
        price_for_me=price,
        cancellation_closes_at=closes,
        can_cancel_now=closes is None or now < closes,
        starts=countdown(course.first_starts_at, now)
        if course.first_starts_at and course.first_starts_at > now
        else None,
        is_draft=course.status == CourseStatus.DRAFT,
        is_cancelled=course.status == CourseStatus.CANCELLED,
    )


@dataclass
class MyTraining:
    confirmed: list
    waiting: list  # [(enrolment, position)]
    offered: list
    past: list
    certificates: list = field(default_factory=list)  # valid ones, newest first

    @property
    def is_empty(self) -> bool:
        return not (self.confirmed or self.waiting or self.offered or self.past)


def my_training(user, now=None) -> MyTraining:
    """The person's enrolments by state, in one query (the waiting positions counted in it)."""
    now = now or timezone.now()
    ahead = Enrolment.objects.filter(
        Q(waiting_since__lt=OuterRef("waiting_since"))
        | Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk")),
        course=OuterRef("course"),
        status=EnrolmentStatus.WAITING,
    ).values("pk")
    rows = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "course__area")
        .annotate(ahead=SubqueryCount(ahead))
        .order_by("course__first_starts_at", "pk")
    )
    result = MyTraining([], [], [], [])
    for row in rows:
        course = row.course
        ended = course.last_ends_at is not None and course.last_ends_at <= now
        if row.status == EnrolmentStatus.OFFERED and not ended:
            result.offered.append(row)
        elif row.status == EnrolmentStatus.WAITING and not ended:
            result.waiting.append((row, row.ahead + 1))
        elif row.status == EnrolmentStatus.CONFIRMED and not ended:
            result.confirmed.append(row)
        else:  # ended, or an offer that lapsed, or cancelled
            result.past.append(row)
    result.past.reverse()
    attended = [
        row for row in result.confirmed + result.past if row.status == EnrolmentStatus.CONFIRMED
    ]
    rates = attendance_rates_for(user, [row.course for row in attended])
    for row in attended:
        row.attendance_rate = (
            rates[row.course_id]
            if row.course.first_starts_at and row.course.first_starts_at <= now
            else None
        )
    result.certificates = list(
        Certificate.objects.filter(user=user, revoked_at__isnull=True).order_by("-issued_at", "-pk")
    )
    return result
