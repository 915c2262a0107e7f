"""Courses for the admin's tests, written through the ORM and then kept by the admin's services
(dates, hours, search vector), as the admin does on save."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import UserFactory
from training.models import Course, CourseSession, CourseStatus, Trainer, TrainingArea
from training.services import courses_admin
from training.services import enrolment as enrolment_services


class TrainingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Faker("name", locale="it_IT")


def make_course(
    title="Progettare insieme",
    *,
    capacity=None,
    status=CourseStatus.PUBLISHED,
    days=10,
    sessions=1,
    **fields,
) -> Course:
    """A course whose first session starts in `days` days (2 hours each, one a day)."""
    course = Course.objects.create(
        area=fields.pop("area", None) or TrainingAreaFactory(),
        title=title,
        capacity=capacity,
        status=status,
        **fields,
    )
    start = timezone.now() + timedelta(days=days)
    CourseSession.objects.bulk_create(
        [
            CourseSession(
                course=course,
                starts_at=start + timedelta(days=n),
                ends_at=start + timedelta(days=n, hours=2),
            )
            for n in range(sessions)
        ]
    )
    courses_admin.course_dates_refresh(course)
    courses_admin.course_text_refresh([course.pk])
    return course


def fill(course, people=1, **user_fields):
    """`people` new participants enrol themselves (confirmed while seats remain, then waiting)."""
    seats = []
    for _n in range(people):
        user = UserFactory(**user_fields)
        seats.append(enrolment_services.enrol(course=course, by=user))
    return seats


def paid_course(**fields):
    return make_course(
        "Corso a pagamento",
        member_price=Decimal("50.00"),
        public_price=Decimal("120.00"),
        **fields,
    )
