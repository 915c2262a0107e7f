"""Factories of the training catalogue, general enough for every test of training: an area, a
trainer, a published course whose sessions are in the future (its dates and search vector kept as
the services keep them), and a session."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from training.models import Course, CourseSession, CourseStatus, Trainer, TrainingArea
from training.services.courses import course_dates_refresh, course_text_refresh


class TrainingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area formativa {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    position = factory.Sequence(lambda n: n)


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Faker("name", locale="it_IT")
    bio = "Formatrice esperta di cooperazione."


class CourseFactory(factory.django.DjangoModelFactory):
    """A published course with `sessions` (2 by default) starting in `starts_in` (10 days), one a
    day, two hours each. `CourseFactory(sessions=0)` makes none; `status=CourseStatus.DRAFT` a
    draft."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    area = factory.SubFactory(TrainingAreaFactory)
    title = factory.Sequence(lambda n: f"Corso di formazione {n}")
    summary = "Un corso della cooperativa."
    status = CourseStatus.PUBLISHED
    capacity = 20
    member_price = Decimal("0.00")
    public_price = Decimal("0.00")

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        count = 2 if extracted is None else extracted
        start = timezone.now() + self._starts_in
        for index in range(count):
            begins = start + timedelta(days=index)
            CourseSessionFactory(
                course=self, starts_at=begins, ends_at=begins + timedelta(hours=2), **kwargs
            )
        course_dates_refresh(self)
        course_text_refresh([self.pk])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        starts_in = kwargs.pop("starts_in", timedelta(days=10))
        course = super()._create(model_class, *args, **kwargs)
        course._starts_in = starts_in
        return course


class CourseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory, sessions=0)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Sala riunioni, via Roma 1, Bologna"
    trainer = factory.SubFactory(TrainerFactory)
