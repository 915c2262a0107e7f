"""A funding call with its deadlines, its places and sectors, for the tests of follows, reminders
and "calls for me"."""

from datetime import timedelta

from django.utils import timezone

from calls.models import Beneficiary, CallDeadline, FundingCall
from calls.services.catalogue import call_dates_refresh, call_text_refresh
from coopportal.accounts.models import Province, Region, Sector

_counter = iter(range(1, 10**6))


def make_call(
    *,
    title=None,
    deadlines=(30,),
    opens_in_days=None,
    internal_days=10,
    regions=(),
    provinces=(),
    sectors=(),
    beneficiaries=(),
    sizes=(),
    **fields,
) -> FundingCall:
    """A published call; `deadlines` in days from now (timedeltas also accepted), `regions` by
    ISTAT code, `provinces` by sigla, `sectors` by ATECO letter, `beneficiaries` by code."""
    now = timezone.now()
    n = next(_counter)
    call = FundingCall.objects.create(
        title=title or f"Bando di prova {n}",
        funder=fields.pop("funder", "Regione Lazio"),
        funder_type=fields.pop("funder_type", "regional"),
        opens_at=now + timedelta(days=opens_in_days) if opens_in_days is not None else None,
        internal_deadline_days=internal_days,
        **{f"size_{size}": True for size in sizes},
        **fields,
    )
    for days in deadlines:
        delta = days if isinstance(days, timedelta) else timedelta(days=days)
        CallDeadline.objects.create(call=call, closes_at=now + delta)
    call.regions.set(Region.objects.filter(code__in=regions))
    call.provinces.set(Province.objects.filter(sigla__in=provinces))
    call.sectors.set(Sector.objects.filter(code__in=sectors))
    call.beneficiaries.set(Beneficiary.objects.filter(code__in=beneficiaries))
    call_dates_refresh(call=call)
    call_text_refresh(call=call)
    call.refresh_from_db()
    return call
