"""Factories of training needs, applications to teach and consultation requests."""

import factory
from django.utils import timezone

from tests.factories import UserFactory
from training.models import (
    ConsultationRequest,
    ConsultationStatus,
    NeedSupport,
    Trainer,
    TrainerApplication,
    TrainerApplicationStatus,
    TrainingArea,
    TrainingNeed,
)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area di prova {n}")
    slug = factory.Sequence(lambda n: f"area-di-prova-{n}")


class NeedFactory(factory.django.DjangoModelFactory):
    """A need as the service makes it: the proposer's own support counts 1."""

    class Meta:
        model = TrainingNeed
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Argomento {n}")
    description = "Vorrei imparare a farlo bene."
    area = factory.SubFactory(AreaFactory)
    proposed_by = factory.SubFactory(UserFactory, member=True)
    supporters_count = 1

    @factory.post_generation
    def own_support(self, create, extracted, **kwargs):
        if create and self.proposed_by is not None:
            NeedSupport.objects.create(need=self, user=self.proposed_by)


def support(need, people):
    """Supports by `people` straight in the tables (for pages that only read them)."""
    NeedSupport.objects.bulk_create(NeedSupport(need=need, user=p) for p in people)
    TrainingNeed.objects.filter(pk=need.pk).update(
        supporters_count=NeedSupport.objects.filter(need=need).count()
    )


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Formatrice {n}")
    user = factory.SubFactory(UserFactory)


class TrainerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerApplication

    user = factory.SubFactory(UserFactory)
    topics = "Bilancio sociale per cooperative"
    experience = "Dieci anni di consulenza."
    bio = "Commercialista."

    class Params:
        in_review = factory.Trait(status=TrainerApplicationStatus.IN_REVIEW)
        rejected = factory.Trait(
            status=TrainerApplicationStatus.REJECTED,
            decision_reason="Non ora",
            decided_at=factory.LazyFunction(timezone.now),
        )


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    member = factory.SubFactory(UserFactory, member=True)
    topic = factory.Sequence(lambda n: f"Consulenza {n}")
    description = "Ci serve aiuto per lo statuto."
    preferred_times = "Il giovedì pomeriggio"

    class Params:
        assigned = factory.Trait(
            status=ConsultationStatus.ASSIGNED,
            consultant=factory.SubFactory(UserFactory, staff=True),
            assigned_at=factory.LazyFunction(timezone.now),
        )
