"""The calls' factories: a funding call with its deadlines, territories, sectors, beneficiaries
and enterprise sizes, its stored dates, status and search vector kept as the services keep them;
its documents; closed and forthcoming calls."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from calls.models import Beneficiary, CallDeadline, CallDocument, FundingCall
from calls.services.catalogue import call_dates_refresh, call_text_refresh
from coopportal.accounts.models import Province, Region, Sector


def _when(value, now):
    """A deadline given as a datetime, a timedelta from now or a number of days from now."""
    if isinstance(value, datetime):
        return value
    return now + (value if isinstance(value, timedelta) else timedelta(days=value))


class FundingCallFactory(factory.django.DjangoModelFactory):
    """`FundingCallFactory(deadlines=[30, timedelta(hours=2), dt, …], opens_in_days=2,
    regions=["12"], provinces=["RM"], sectors=["A"], beneficiaries=["cooperatives"],
    sizes=["micro"])`: deadlines as datetimes or days (timedeltas) from now, codes for the reference
    data; the stored dates, status and search vector refreshed, the instance reloaded."""

    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bando numero {n}")
    funder = "Regione Lazio"
    funder_type = "regional"
    summary = "Contributi a fondo perduto."
    opens_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() + timedelta(days=o.opens_in_days)
            if o.opens_in_days is not None
            else None
        )
    )

    class Params:
        unpublished = factory.Trait(is_published=False)
        opens_in_days = None

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        """`sizes=["micro", "small"]` for the enterprise-size flags."""
        for size in kwargs.pop("sizes", ()):
            kwargs[f"size_{size}"] = True
        return kwargs

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
        now = timezone.now()
        for value in (30,) if extracted is None else extracted:
            CallDeadline.objects.create(call=self, closes_at=_when(value, now))
        call_dates_refresh(call=self)
        call_text_refresh(call=self)
        self.refresh_from_db()


class CallDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallDocument

    call = factory.SubFactory(FundingCallFactory)
    title = factory.Sequence(lambda n: f"Allegato {n}")
    url = "https://example.org/bando.pdf"


def closed_call(**kwargs) -> FundingCall:
    """A call whose only deadline passed three days ago."""
    return FundingCallFactory(deadlines=[-3], **kwargs)


def forthcoming_call(**kwargs) -> FundingCall:
    """A call opening in ten days, closing in forty."""
    kwargs.setdefault("opens_in_days", 10)
    return FundingCallFactory(deadlines=[40], **kwargs)


def in_english(client):
    """`client` with the language switcher's cookie set to English (visitors read Italian)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
