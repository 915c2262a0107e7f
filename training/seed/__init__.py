"""Demo training: the five training areas of L.A.N.D. (/work/shared/seeds/004_*), skills,
trainers (two with an account), courses and webinars in the past and to come (Europe/Rome) whose
enrolments show every state — a full course with its waiting list, a pending offer, an offer that
lapsed and a cancellation; a members-only course; a paid course with member and public prices and
payments recorded; a draft and a cancelled course; attendance, a certificate and feedback on the
past webinar; a training need with its supporter, an application to teach and a consultation
request (community.py). socia@demo.coop holds a confirmed seat and a place on a waiting list.

The named courses and their sessions are written with the ORM, then the enrolments go through the
enrolment service (training.services.enrolment) so the counters, waiting list and offers are what
the service would make. `scale=N` adds the courses of coopportal.core.seed_sizes with sessions,
enrolments, attendance and feedback in bulk (scale.py). Dates and search vectors are refreshed at
the end.

Idempotent: areas, skills, trainers and courses are looked up by their slug or name, and a named
course's story is told only when the course is created; scale courses count what exists.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..models import (
    Attendance,
    AttendanceHow,
    Certificate,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Feedback,
    Payment,
    Skill,
    Trainer,
    TrainingArea,
)
from ..services import courses_admin
from ..services import enrolment as service
from .community import seed_community
from .named import AREAS, COURSES, LEARNERS, SKILLS, TRAINERS, at
from .scale import seed_scale

__all__ = ["seed"]

User = get_user_model()
STAFF = "staff@demo.coop"
BY_STAFF = "Iscrizione registrata dallo staff"


def seed(*, scale=0, stdout=None):
    now = timezone.now()
    areas = _seed_areas()
    skills = {name: Skill.objects.get_or_create(name=name)[0] for name in SKILLS}
    trainers = _seed_trainers()
    people = _seed_learners()
    courses = [
        _seed_course(spec, areas=areas, skills=skills, trainers=trainers, people=people, now=now)
        for spec in COURSES
    ]
    seed_community(people=people, areas=areas)
    if scale:
        seed_scale(scale=scale, now=now, areas=list(areas.values()), trainers=trainers)
    courses_admin.course_text_refresh(
        Course.objects.filter(search_vector__isnull=True).values_list("pk", flat=True)
    )
    if stdout is not None:
        stdout.write(
            f"    {Course.objects.count()} courses, {CourseSession.objects.count()} sessions, "
            f"{Enrolment.objects.count()} enrolments"
        )
    return courses


def _seed_areas():
    areas = {}
    for position, (slug, name, description) in enumerate(AREAS, start=1):
        areas[slug], _created = TrainingArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    return areas


def _seed_trainers():
    trainers = {}
    for name, bio, email in TRAINERS:
        user = User.objects.filter(email=email).first() if email else None
        trainer = Trainer.objects.filter(name=name).first()
        if trainer is None:
            trainer = Trainer.objects.create(
                name=name, bio=bio, user=user if user and not hasattr(user, "trainer") else None
            )
        trainers[name] = trainer
    return trainers


def _seed_learners():
    """The role accounts of the demo and a few more learners who fill the lists."""
    for email, first, last in LEARNERS:
        if not User.objects.filter(email=email).exists():
            user = User(email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
    return {user.email: user for user in User.objects.filter(email__endswith="@demo.coop")}


def _seed_course(spec, *, areas, skills, trainers, people, now):
    spec = dict(spec)
    story = spec.pop("story")
    sessions = spec.pop("sessions")
    place = spec.pop("place", "")
    trainer = trainers[spec.pop("trainer")]
    skill_names = spec.pop("skills")
    area = areas[spec.pop("area")]
    status = CourseStatus.DRAFT if story == "draft" else CourseStatus.PUBLISHED
    course, created = Course.objects.get_or_create(
        title=spec.pop("title"), defaults={**spec, "area": area, "status": status}
    )
    if not created:
        return course
    course.skills.set([skills[name] for name in skill_names])
    course.trainers.set([trainer])
    CourseSession.objects.bulk_create(
        [
            CourseSession(
                course=course,
                title=f"Incontro {index}" if len(sessions) > 1 else "",
                starts_at=at(days, starts, now=now),
                ends_at=at(days, ends, now=now),
                place=place,
                online_url="https://meet.example.org/demo-corso" if course.is_online else "",
                trainer=trainer,
            )
            for index, (days, starts, ends) in enumerate(sessions, start=1)
        ]
    )
    courses_admin.course_dates_refresh(course)
    STORIES[story](course, people, now)
    return course


# ---- the stories of the named courses -----------------------------------------------------------


def _enrol(course, person):
    return service.enrol(course=course, by=person)


def _full(course, people, now):
    """Three seats: three confirmed, then a waiting list; a seat freed is offered, that offer
    lapses and the next person holds a pending offer; socia waits first in line."""
    for n in (1, 2, 3, 4, 5):
        _enrol(course, people[f"corsista{n}@demo.coop"])
    _enrol(course, people["socia@demo.coop"])
    service.cancel(course=course, by=people["corsista3@demo.coop"])  # corsista4 is offered it
    offer = Enrolment.objects.get(course=course, status=EnrolmentStatus.OFFERED)
    # the offer was not confirmed in time: it lapses, and corsista5 is offered the seat
    service.expire_offers(course_id=course.pk, now=offer.offer_expires_at + timedelta(seconds=1))


def _past(course, people, now):
    """A webinar held 20 days ago: the staff recorded who came, a certificate, the feedback."""
    staff = people.get(STAFF)
    attendees = ["socia@demo.coop", "partecipante@demo.coop", "corsista1@demo.coop"]
    for email in attendees:
        service.enrol(course=course, by=staff, override=True, user=people[email], reason=BY_STAFF)
    session = course.sessions.first()
    for email, present in zip(attendees, (True, True, False), strict=True):
        Attendance.objects.get_or_create(
            session=session,
            user=people[email],
            defaults={"present": present, "how": AttendanceHow.REGISTER, "marked_by": staff},
        )
    socia = people["socia@demo.coop"]
    Certificate.objects.get_or_create(
        course=course,
        user=socia,
        defaults={
            "holder_name": socia.get_full_name() or socia.email,
            "course_title": course.title,
            "hours": course.hours,
            "attendance_rate": 100,
            "issued_at": course.last_ends_at + timedelta(days=1),
        },
    )
    for email, rating, comments in (
        ("socia@demo.coop", 5, "Chiaro e con molti esempi pratici."),
        ("partecipante@demo.coop", 4, "Utile; avrei voluto più tempo per le domande."),
    ):
        Feedback.objects.get_or_create(
            course=course, user=people[email], defaults={"rating": rating, "comments": comments}
        )


def _members(course, people, now):
    for email in ("socia@demo.coop", "coordinatore@demo.coop", "cda@demo.coop"):
        _enrol(course, people[email])


def _paid(course, people, now):
    """A paid course: the member pays the member price, the others the public price; staff
    recorded one payment and waived another."""
    staff = people.get(STAFF)
    for email in ("partecipante@demo.coop", "cda@demo.coop", "corsista1@demo.coop"):
        _enrol(course, people[email])
    recorded = (("cda@demo.coop", Payment.PAID), ("corsista1@demo.coop", Payment.WAIVED))
    for email, payment in recorded:
        seat = Enrolment.objects.get(course=course, user=people[email])
        courses_admin.enrolment_payment_set(enrolment=seat, by=staff, payment=payment)


def _open(course, people, now):
    for email in ("candidato@demo.coop", "partecipante@demo.coop", "corsista2@demo.coop"):
        _enrol(course, people[email])
    service.cancel(course=course, by=people["corsista2@demo.coop"])


def _draft(course, people, now):
    return None


def _cancelled(course, people, now):
    for email in ("corsista1@demo.coop", "corsista3@demo.coop"):
        _enrol(course, people[email])
    courses_admin.course_cancel(
        course=course,
        by=people.get(STAFF),
        reason="Il docente non è disponibile nelle date previste: il laboratorio sarà "
        "riprogrammato.",
    )


STORIES = {
    "full": _full,
    "past": _past,
    "members": _members,
    "paid": _paid,
    "open": _open,
    "draft": _draft,
    "cancelled": _cancelled,
}
