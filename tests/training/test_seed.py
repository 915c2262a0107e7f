"""`manage.py seed_demo` fills training: the five L.A.N.D. areas, trainers with and without an
account, courses past and to come whose enrolments show every state with counters that match the
rows; re-running changes nothing; `--scale` adds courses in bulk, consistent too."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min, Q

from training.models import (
    ConsultationRequest,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Payment,
    Trainer,
    TrainerApplication,
    TrainingArea,
    TrainingNeed,
)
from training.services import enrolment as service

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
MODELS = [TrainingArea, Trainer, Course, CourseSession, Enrolment, TrainingNeed]
MODELS += [ConsultationRequest, TrainerApplication]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _assert_consistent():
    courses = Course.objects.annotate(
        confirmed=Count(
            "enrolments",
            filter=Q(enrolments__status__in=(EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED)),
            distinct=True,
        ),
        first=Min("sessions__starts_at"),
        last=Max("sessions__ends_at"),
    )
    for course in courses:
        assert course.going_count == course.confirmed, course
        assert course.capacity is None or course.going_count <= course.capacity, course
        assert (course.first_starts_at, course.last_ends_at) == (course.first, course.last), course
        assert course.hours == sum(s.hours for s in course.sessions.all()), course
    assert not Course.objects.filter(search_vector__isnull=True).exists()


def test_seed_demo_fills_training_with_every_state(demo):

    areas = list(TrainingArea.objects.values_list("name", flat=True))
    assert len(areas) == 5 and "Crescere con il digitale" in areas
    assert Trainer.objects.filter(user__isnull=False).exists()
    assert Trainer.objects.filter(user__isnull=True).exists()
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == set(EnrolmentStatus.values)
    assert set(Course.objects.values_list("status", flat=True)) == set(CourseStatus.values)

    full = Course.objects.get(title="Co-progettare con la pubblica amministrazione")
    assert full.going_count == full.capacity == 3
    assert full.enrolments.filter(status=EnrolmentStatus.WAITING).exists()
    offer = full.enrolments.get(status=EnrolmentStatus.OFFERED)
    assert offer.offer_expires_at < full.first_starts_at

    socia = {e.status: e for e in Enrolment.objects.filter(user__email="socia@demo.coop")}
    assert socia[EnrolmentStatus.CONFIRMED].course.audience == "members"
    assert service.position(socia[EnrolmentStatus.WAITING]) == 1

    paid = Course.objects.get(public_price__gt=0, member_price__gt=0)
    prices = {e.user.email: (e.price, e.payment) for e in paid.enrolments.select_related("user")}
    assert prices["cda@demo.coop"] == (paid.member_price, Payment.PAID)
    assert prices["partecipante@demo.coop"] == (paid.public_price, Payment.TO_PAY)

    # sessions are at Rome's clock times
    session = full.sessions.order_by("starts_at").first()
    local = session.starts_at.astimezone(ROME)
    assert (local.hour, local.minute) == (9, 30)
    assert datetime.now(ROME) < local
    assert TrainingNeed.objects.filter(supporters_count__gte=1).exists()
    assert TrainerApplication.objects.filter(user__email="partecipante@demo.coop").exists()
    assert ConsultationRequest.objects.filter(member__email="socia@demo.coop").exists()
    past = Course.objects.get(title__startswith="Webinar: rendicontare")
    assert past.last_ends_at.astimezone(ROME) < datetime.now(ROME)
    _assert_consistent()


def test_seed_demo_is_idempotent(demo):
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before
    _assert_consistent()


def test_seed_demo_with_a_small_scale_adds_courses_in_bulk():
    call_command("seed_demo", scale=1)
    scale_courses = Course.objects.filter(slug__startswith="demo-scala-")
    assert scale_courses.count() == 1  # the sizes of coopportal.core.seed_sizes at --scale 1
    assert CourseSession.objects.filter(course__in=scale_courses).count() == 2
    assert Enrolment.objects.filter(course__in=scale_courses).count() == 30
    assert Enrolment.objects.filter(
        course__in=scale_courses, status=EnrolmentStatus.WAITING
    ).exists()
    members_only = scale_courses.filter(audience="members")
    assert not Enrolment.objects.filter(
        course__in=members_only, user__membership_verified_at__isnull=True
    ).exists()
    _assert_consistent()
    before = _counts()
    call_command("seed_demo", scale=1)
    assert _counts() == before
