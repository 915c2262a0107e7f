"""Volume for benchmarks: `size("courses")` courses (slug "demo-scala-N"), two sessions each (Rome
time), `size("enrolments")` enrolments of the "persona…@demo.coop" people of the accounts' scale
data (coopportal.core.seed_sizes), attendance and feedback of the past ones — streamed in with
COPY on PostgreSQL (coopportal.core.seed_bulk), in a few queries per table.

The rows are consistent with what the enrolment service makes: `going_count` is the number of
confirmed seats and never above the capacity, the people beyond it wait in order of arrival
(`waiting_since`), a members-only course enrols only members, prices follow membership. The
courses' dates and hours are computed here from the sessions written with them.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from ..models import (
    Attendance,
    AttendanceHow,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Feedback,
    Payment,
)
from .named import at

PREFIX = "demo-scala-"
BATCH = 2000
TOPICS = [
    "Progettazione integrata",
    "Bilancio sociale",
    "Valutazione di impatto",
    "Finanza agevolata",
    "Strumenti digitali",
    "Comunicazione sui social",
    "Governance cooperativa",
    "Sicurezza sul lavoro",
]
PLACES = ["Roma", "Latina", "Frosinone", "Viterbo", "Rieti", "Milano", "Bologna"]
SESSIONS = [(0, "09:30", "12:30"), (7, "09:30", "13:00")]


def _course(n, *, now, areas):
    past = n % 3 == 0
    first_day = -(n % 90) - 10 if past else 1 + n % 120
    if n % 17 == 0:
        status = CourseStatus.DRAFT
    elif n % 23 == 0:
        status = CourseStatus.CANCELLED
    else:
        status = CourseStatus.PUBLISHED
    paid = n % 4 == 0
    online = n % 2 == 1
    topic = TOPICS[n % len(TOPICS)]
    starts = [at(first_day + day, start, now=now) for day, start, _end in SESSIONS]
    ends = [at(first_day + day, end, now=now) for day, _start, end in SESSIONS]
    hours = sum(((e - s).total_seconds() for s, e in zip(starts, ends, strict=True)), 0.0)
    course = Course(
        area=areas[n % len(areas)],
        title=f"{topic} — edizione {n}",
        slug=f"{PREFIX}{n}",
        summary=f"Un corso di {topic.lower()} per le cooperative associate.",
        description="Corso dimostrativo generato per le prove di carico.",
        format="online" if online else "in_person",
        audience="members" if n % 5 == 0 else "all",
        member_price=Decimal("30.00") if paid else Decimal("0"),
        public_price=Decimal("60.00") if paid else Decimal("0"),
        capacity=None if n % 9 == 0 else 8 + n % 15,
        status=status,
        cancel_reason="Annullato per poche iscrizioni." if status == CourseStatus.CANCELLED else "",
        first_starts_at=starts[0],
        last_ends_at=ends[-1],
        hours=(Decimal(hours) / Decimal(3600)).quantize(Decimal("0.01")),
    )
    course.first_day = first_day
    return course


def seed_scale(*, scale, now, areas, trainers):
    wanted = size("courses", scale)
    have = Course.objects.filter(slug__startswith=PREFIX).count()
    if have >= wanted:
        return 0
    User = get_user_model()
    people = list(
        User.objects.filter(email__startswith="persona", email__endswith="@demo.coop")
        .order_by("pk")
        .values_list("pk", "membership_verified_at")
    )
    if not people:
        people = list(User.objects.order_by("pk").values_list("pk", "membership_verified_at"))
    members = [pk for pk, verified in people if verified is not None]
    everyone = [pk for pk, _verified in people]
    is_member = set(members)
    trainer_list = list(trainers.values())

    created = Course.objects.bulk_create(
        [_course(n + 1, now=now, areas=areas) for n in range(have, wanted)], batch_size=BATCH
    )
    # the enrolments of the size table, shared evenly by the courses open to them
    open_courses = [c for c in created if c.status != CourseStatus.DRAFT]
    seated = Enrolment.objects.filter(course__slug__startswith=PREFIX).count() if have else 0
    share, extra = divmod(max(0, size("enrolments", scale) - seated), max(1, len(open_courses)))
    sessions, seats, through, feedback = [], [], [], []
    opened = 0
    for index, course in enumerate(created):
        n = have + index + 1
        trainer = trainer_list[n % len(trainer_list)]
        through.append(Course.trainers.through(course_id=course.pk, trainer_id=trainer.pk))
        first_day = course.first_day
        for day, start, end in SESSIONS:
            sessions.append(
                CourseSession(
                    course=course,
                    starts_at=at(first_day + day, start, now=now),
                    ends_at=at(first_day + day, end, now=now),
                    place="" if course.format == "online" else PLACES[n % len(PLACES)],
                    online_url="https://meet.example.org/demo" if course.format == "online" else "",
                    trainer=trainer,
                )
            )
        if course.status == CourseStatus.DRAFT:
            continue
        pool = members if course.audience == "members" else everyone
        if not pool:
            continue
        enrolled = min(share + (opened < extra), len(pool))
        opened += 1
        chosen = [pool[(n * 13 + k) % len(pool)] for k in range(enrolled)]
        chosen = list(dict.fromkeys(chosen))
        limit = course.capacity if course.capacity is not None else len(chosen)
        upcoming = course.first_starts_at > now
        confirmed = 0
        for k, user_id in enumerate(chosen):
            price = course.price_for(user_id in is_member)
            seat = Enrolment(course=course, user_id=user_id, price=price)
            seat.payment = (Payment.PAID if k % 2 else Payment.TO_PAY) if price else Payment.NONE
            if course.status == CourseStatus.CANCELLED:
                seat.status = EnrolmentStatus.CANCELLED
            elif confirmed < limit:
                seat.status = EnrolmentStatus.CONFIRMED
                confirmed += 1
            elif upcoming:
                seat.status = EnrolmentStatus.WAITING
                seat.waiting_since = now - timedelta(minutes=len(chosen) - k)
            else:
                seat.status = EnrolmentStatus.CANCELLED
            seats.append(seat)
            if not upcoming and seat.status == EnrolmentStatus.CONFIRMED and k % 3 == 0:
                feedback.append(
                    Feedback(course=course, user_id=user_id, rating=3 + (n + k) % 3, comments="")
                )
        course.going_count = confirmed
    insert_rows(CourseSession, sessions)
    insert_rows(Course.trainers.through, through)
    insert_rows(Enrolment, seats)
    insert_rows(Feedback, feedback)
    Course.objects.bulk_update(created, ["going_count"], batch_size=BATCH)
    _attendance(created, now)
    return len(created)


def _attendance(courses, now):
    """Who came to the past sessions: four in five of the confirmed."""
    past = [c.pk for c in courses if c.status == CourseStatus.PUBLISHED and c.last_ends_at < now]
    confirmed = {}
    for course_id, user_id in Enrolment.objects.filter(
        course_id__in=past, status=EnrolmentStatus.CONFIRMED
    ).values_list("course_id", "user_id"):
        confirmed.setdefault(course_id, []).append(user_id)
    rows = []
    for session_id, course_id in CourseSession.objects.filter(course_id__in=past).values_list(
        "pk", "course_id"
    ):
        for k, user_id in enumerate(confirmed.get(course_id, [])):
            rows.append(
                Attendance(
                    session_id=session_id,
                    user_id=user_id,
                    present=(session_id + k) % 5 != 0,
                    how=AttendanceHow.REGISTER,
                )
            )
    insert_rows(Attendance, rows)
