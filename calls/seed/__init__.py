"""Demo funding calls (named.py): EU, national, regional and foundation calls, aid for the members
themselves, one forthcoming and one closed, with their deadlines; applications in every state with
their reviews, the cooperative's rules and criteria, a call to action (applications.py); and the
real records of data/ (incentivi.gov.it, PA digitale 2026) through the importers. `scale=N`
adds `size("calls")` calls and `size("applications")` applications for benchmarks, in bulk
(coopportal.core.seed_sizes).

Rows are written with the ORM directly (the dates of demo data are relative to today); the
services then keep each call's deadlines, status and search vector. Idempotent: named calls are
looked up by title, scale calls by their source id.
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from coopportal.accounts.models import Province, Region, Sector
from coopportal.core.search import vector_refresh
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from ..models import Beneficiary, CallDeadline, CallDocument, FundingCall
from ..models.catalogue import CallStatus, status_for
from ..services.catalogue import call_dates_refresh
from ..services.imports import calls_import
from .applications import (
    profile_defaults,
    seed_applications,
    seed_call_to_action,
    seed_follows,
    seed_scale_applications,
)
from .named import CALLS, when

__all__ = ["seed"]

M2M = ("regions", "provinces", "sectors", "beneficiaries")


def _references():
    return {
        "regions": {r.code: r for r in Region.objects.all()},
        "provinces": {p.sigla: p for p in Province.objects.all()},
        "sectors": {s.code: s for s in Sector.objects.all()},
        "beneficiaries": {b.code: b for b in Beneficiary.objects.all()},
    }


def _seed_named(now, refs):
    calls = []
    for spec in CALLS:
        spec = dict(spec)
        related = {name: spec.pop(name, []) for name in M2M}
        sizes = spec.pop("sizes", [])
        deadlines = spec.pop("deadlines")
        opens_in = spec.pop("opens_in")
        internal_days = spec.pop("internal_days")
        call, created = FundingCall.objects.get_or_create(
            title=spec.pop("title"),
            source="manual",
            defaults={
                **spec,
                **{f"size_{size}": True for size in sizes},
                "opens_at": when(now, opens_in),
                "internal_deadline_days": internal_days,
            },
        )
        if created:
            for name, codes in related.items():
                getattr(call, name).set([refs[name][code] for code in codes])
            CallDeadline.objects.bulk_create(
                [
                    CallDeadline(call=call, closes_at=when(now, days), label=label)
                    for days, label in deadlines
                ]
            )
            if call.link:
                CallDocument.objects.create(call=call, title="Avviso pubblico", url=call.link)
        call_dates_refresh(call=call, now=now)
        calls.append(call)
    return calls


def _seed_scale(scale, now, refs):
    """`size("calls")` calls of every kind, streamed in (source "csv", ids "demo-N"), with their
    deadline, dates and status computed here as `call_dates_refresh` would."""
    wanted = size("calls", scale)
    have = FundingCall.objects.filter(source="csv", source_id__startswith="demo-").count()
    if have >= wanted:
        return
    regions = list(refs["regions"].values())
    sectors = list(refs["sectors"].values())
    kinds = list(refs["beneficiaries"].values())
    funders = [
        ("eu", "Commissione europea"),
        ("national", "Ministero del Lavoro e delle Politiche sociali"),
        ("regional", "Regione"),
        ("foundation", "Fondazione di comunità"),
        ("private", "Fondo mutualistico"),
    ]
    topics = [
        "cultura",
        "welfare di comunità",
        "transizione digitale",
        "agricoltura sociale",
        "turismo sostenibile",
        "formazione",
        "energia rinnovabile",
        "inclusione lavorativa",
    ]
    new, closes = [], []
    for n in range(have, wanted):
        funder_type, funder = funders[n % len(funders)]
        region = regions[n % len(regions)]
        topic = topics[n % len(topics)]
        new.append(
            FundingCall(
                source="csv",
                source_id=f"demo-{n}",
                title=f"Bando {topic} {n} – {region.name}",
                slug=f"bando-{n}",
                funder=f"{funder} {region.name}" if funder_type == "regional" else funder,
                funder_type=funder_type,
                summary=f"Contributi per progetti di {topic} delle cooperative.",
                aid_form="Contributo a fondo perduto",
                max_amount=Decimal(10000 * (1 + n % 20)),
                max_amount_raw=f"{10000 * (1 + n % 20)} €",
                opens_at=now - timedelta(days=n % 60),
                whole_italy=funder_type in ("eu", "national"),
                size_micro=n % 2 == 0,
                size_small=n % 2 == 0,
            )
        )
        call = new[-1]
        closes_at = when(now, (n % 120) - 20)
        closes.append(closes_at)
        call.next_deadline_at = call.last_deadline_at = closes_at
        call.internal_deadline_at = (
            call.internal_deadline_for(closes_at) if closes_at > now else None
        )
        call.status = status_for(opens_at=call.opens_at, last_deadline_at=closes_at, now=now)
        call.opened_at = call.opens_at if call.status != CallStatus.FORTHCOMING else None
    ids = insert_rows(FundingCall, new, returning=True)
    deadlines, through = [], {name: [] for name in M2M}
    for index, (pk, closes_at) in enumerate(zip(ids, closes, strict=True)):
        n = have + index
        call = new[index]
        call.pk = pk
        deadlines.append(CallDeadline(call_id=pk, closes_at=closes_at))
        if not call.whole_italy:
            through["regions"].append(
                FundingCall.regions.through(fundingcall_id=call.pk, region_id=regions[n % 20].pk)
            )
        through["sectors"].append(
            FundingCall.sectors.through(
                fundingcall_id=call.pk, sector_id=sectors[n % len(sectors)].pk
            )
        )
        through["beneficiaries"].append(
            FundingCall.beneficiaries.through(
                fundingcall_id=call.pk, beneficiary_id=kinds[n % len(kinds)].pk
            )
        )
    insert_rows(CallDeadline, deadlines)
    for name, rows in through.items():
        insert_rows(getattr(FundingCall, name).through, rows)


DATA = Path(__file__).parent / "data"
SAMPLES = [("incentivi", "incentivi_sample.json"), ("padigitale", "padigitale2026_avvisi.json")]


def _import_samples():
    """Real open-data records, through the importers (re-running changes nothing)."""
    for source, name in SAMPLES:
        with (DATA / name).open("rb") as handle:
            calls_import(source=source, file=handle)


def seed(*, scale=0, stdout=None):
    now = timezone.now()
    refs = _references()
    calls = _seed_named(now, refs)
    _import_samples()
    profile_defaults()
    seed_applications(calls=calls, now=now)
    seed_call_to_action(now=now)
    seed_follows(calls=calls)
    if scale:
        _seed_scale(scale, now, refs)
        seed_scale_applications(scale=scale, now=now)
    unindexed = FundingCall.objects.filter(search_vector__isnull=True)
    vector_refresh(unindexed, FundingCall.SEARCH_VECTOR)
    if stdout is not None:
        stdout.write(f"    {FundingCall.objects.count()} funding calls")
    return calls
