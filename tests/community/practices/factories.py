"""The showcase's factories: a good practice in any status, with its stamps and search vector
kept as the services keep them. `PracticeFactory(published=True)`, `(submitted=True)`,
`(returned=True)`, `(rejected=True)`; a draft by default, proposed by a new member."""

import factory
from django.utils import timezone

from community.practices.models import Practice
from coopportal.core.search import vector_refresh
from tests.factories import UserFactory

S = Practice.Status


def valid_data(**changes) -> dict:
    """What the proposal form posts for a complete case (the links left empty)."""
    data = {
        "title": "Una cooperativa di comunità in montagna",
        "kind": Practice.Kind.COMMUNITY,
        "summary": "I residenti riaprono l'emporio del paese.",
        "organisation": "Cooperativa Monte Verde",
        "region": "",
        "sector": "",
        "year": "2019",
        "problem": "Il paese aveva perso l'ultimo negozio.",
        "actions": "Un'assemblea pubblica e novanta soci.",
        "results": "Sei posti di lavoro.",
        "evidence": "",
        "people": "",
        "funding": "",
        "transferability": "",
    }
    data.update(changes)
    return data


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Buona pratica numero {n}")
    kind = Practice.Kind.BUYOUT
    summary = "I lavoratori rilevano l'azienda."
    organisation = factory.Sequence(lambda n: f"Cooperativa {n}")
    year = 2020
    problem = "L'azienda stava per chiudere."
    actions = "I lavoratori hanno costituito una nuova impresa."
    results = "Quaranta posti di lavoro salvati."
    proposer = factory.SubFactory(UserFactory, member=True)

    class Params:
        submitted = factory.Trait(
            status=S.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        published = factory.Trait(
            status=S.PUBLISHED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
        returned = factory.Trait(
            status=S.CHANGES_REQUESTED,
            submitted_at=factory.LazyFunction(timezone.now),
            decision_reason="Aggiungete i numeri.",
        )
        rejected = factory.Trait(
            status=S.REJECTED,
            submitted_at=factory.LazyFunction(timezone.now),
            decision_reason="Non è una buona pratica cooperativa.",
        )

    @factory.post_generation
    def links(self, create, extracted, **kwargs):
        """`links={"groups": [...], "calls": [...], "courses": [...]}`."""
        if create and extracted:
            for name, objects in extracted.items():
                getattr(self, name).set(objects)

    @factory.post_generation
    def vector(self, create, extracted, **kwargs):
        if create:
            vector_refresh(Practice.objects.filter(pk=self.pk), Practice.SEARCH_VECTOR)
