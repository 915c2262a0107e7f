"""Factories of the public catalogue's tests: calls with deadlines, territories, sectors and
beneficiaries, their stored dates and search vector kept as the services keep them."""

from datetime import timedelta

import factory
from django.utils import timezone

from calls.models import Beneficiary, CallDeadline, CallDocument, FundingCall
from calls.services.catalogue import call_dates_refresh, call_text_refresh
from coopportal.accounts.models import Province, Region, Sector


class FundingCallFactory(factory.django.DjangoModelFactory):
    """`FundingCallFactory(deadlines=[dt, …], regions=["12"], provinces=["RM"], sectors=["A"],
    beneficiaries=["cooperatives"])`: codes for the reference data; dates and vector refreshed."""

    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bando numero {n}")
    funder = "Regione Lazio"
    funder_type = "regional"
    summary = "Contributi a fondo perduto."

    class Params:
        unpublished = factory.Trait(is_published=False)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(Sector.objects.filter(code__in=extracted))

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(Region.objects.filter(code__in=extracted))

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create and extracted:
            self.provinces.set(Province.objects.filter(sigla__in=extracted))

    @factory.post_generation
    def beneficiaries(self, create, extracted, **kwargs):
        if create and extracted:
            self.beneficiaries.set(Beneficiary.objects.filter(code__in=extracted))

    @factory.post_generation
    def deadlines(self, create, extracted, **kwargs):
        """Deadlines (default: one in 30 days; `deadlines=[]` for none), then the stored dates,
        status and search vector, as the services keep them."""
        if not create:
            return
        if extracted is None:
            extracted = [timezone.now() + timedelta(days=30)]
        for closes_at in extracted:
            CallDeadline.objects.create(call=self, closes_at=closes_at)
        call_dates_refresh(call=self)
        call_text_refresh(call=self)


class CallDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallDocument

    call = factory.SubFactory(FundingCallFactory)
    title = factory.Sequence(lambda n: f"Allegato {n}")
    url = "https://example.org/bando.pdf"


def closed_call(**kwargs) -> FundingCall:
    """A call whose only deadline passed three days ago."""
    return FundingCallFactory(deadlines=[timezone.now() - timedelta(days=3)], **kwargs)


def forthcoming_call(**kwargs) -> FundingCall:
    """A call opening in ten days, closing in forty."""
    now = timezone.now()
    kwargs.setdefault("opens_at", now + timedelta(days=10))
    return FundingCallFactory(deadlines=[now + timedelta(days=40)], **kwargs)


def in_english(client):
    """`client` with the language switcher's cookie set to English (visitors read Italian)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
