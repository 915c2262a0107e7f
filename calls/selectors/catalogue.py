"""Reads of the public catalogue: the filtered list with its facets, one call, its documents.

Visitors, members and staff all see the published calls; staff also open unpublished ones by
their address (the admin lists them).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, IntegerField, Prefetch, Q, Subquery
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language

from coopportal.accounts.models import Region, Sector
from coopportal.accounts.permissions import is_staff_member
from coopportal.core.cache_versions import changed, versioned_key
from coopportal.core.http import get_or_404

from ..filters import (
    CallFilter,
    for_members_q,
    status_q,
)
from ..models import Beneficiary, CallDeadline, CallStatus, FunderType, FundingCall
from ..models.catalogue import status_for


class SubqueryCount(Subquery):
    """The number of rows of a subquery, as a column (one query for every option of a facet)."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


# The catalogue's facet counts are everyone's (the same published calls for every viewer): they
# are cached per filters and language under a version that every write to a call, its deadlines
# and its links bumps (calls.signals), for FACETS_TTL seconds at most (a call opens or closes
# with the clock, not with a write: its status count may lag that long).
FACETS_VERSION = "calls:catalogue"
FACETS_TTL = 60


def catalogue_changed() -> None:
    """The cached counts of the catalogue are out of date (a call is being written)."""
    changed(FACETS_VERSION)


def published_calls():
    return FundingCall.objects.filter(is_published=True)


def call_queryset_for(params, *, user=None, now=None):
    """The published calls `params` (a QueryDict, e.g. a saved search's query string) select,
    without the list's related rows: `call_queryset_for(QueryDict(q)).filter(pk=pk).exists()`."""
    filterset = CallFilter(_as_querydict(params), queryset=published_calls(), now=now)
    return filterset.qs


def call_list(*, params, user, now=None):
    """(filterset, calls) for the catalogue page: the calls with what the list shows of them."""
    queryset = published_calls().prefetch_related(
        "regions", "provinces", Prefetch("deadlines", queryset=CallDeadline.objects.all())
    )
    filterset = CallFilter(_as_querydict(params), queryset=queryset, now=now)
    return filterset, filterset.qs


def _as_querydict(params):
    if params is None:
        return QueryDict()
    if isinstance(params, str):
        return QueryDict(params)
    return params


@dataclass
class Facet:
    """The options of one filter, with how many of the listed calls each would keep."""

    name: str
    options: list = field(default_factory=list)  # [(value, label, count)], only counts > 0


def _regions_counted(ids) -> dict[int, int]:
    """{region id: how many of the calls `ids` name the region or one of its provinces} (not
    counting the calls for the whole of Italy): one grouped query over the two link tables."""
    kept = {"fundingcall__in": ids, "fundingcall__whole_italy": False}
    by_region = (
        FundingCall.regions.through.objects.filter(**kept)
        .annotate(c=F("fundingcall_id"), r=F("region_id"))
        .values_list("c", "r")
    )
    by_province = (
        FundingCall.provinces.through.objects.filter(**kept)
        .annotate(c=F("fundingcall_id"), r=F("province__region_id"))
        .values_list("c", "r")
    )
    pairs_sql, params = by_region.union(by_province).query.sql_with_params()  # distinct pairs
    with connection.cursor() as cursor:
        # the ORM's own SQL, its values passed as parameters
        grouped = f"SELECT pairs.r, COUNT(*) FROM ({pairs_sql}) pairs GROUP BY pairs.r"  # noqa: S608  # nosec B608
        cursor.execute(grouped, params)
        return dict(cursor.fetchall())


def call_facets(queryset, *, any_status=None, now=None) -> dict:
    """Per funder type, sector, region, beneficiary and "for the members": how many calls of
    `queryset` each one keeps — five grouped queries whatever the number of calls and options
    (each reads the link table once; a count per option made the list take seconds with 18,000
    calls). With `any_status` (the calls every filter but the status selects,
    `CallFilter.any_status`), also per status (forthcoming, open, closed) at `now`: a sixth."""
    facets = {"status": _status_facet(any_status, now)} if any_status is not None else {}
    ids = queryset.order_by().values("pk")
    calls = FundingCall.objects.filter(pk__in=ids)
    by_type = list(
        calls.order_by()
        .values("funder_type")
        .annotate(
            n=Count("pk"),
            every_sector=Count("pk", filter=Q(all_sectors=True)),
            whole_italy=Count("pk", filter=Q(whole_italy=True)),
            for_members=Count("pk", filter=for_members_q()),
        )
    )
    funder_types = {row["funder_type"]: row["n"] for row in by_type}
    every_sector = sum(row["every_sector"] for row in by_type)
    whole_italy = sum(row["whole_italy"] for row in by_type)
    for_members = sum(row["for_members"] for row in by_type)
    sectors = Sector.objects.annotate(
        n=Count(
            "funding_calls",
            filter=Q(funding_calls__in=ids, funding_calls__all_sectors=False),
        )
    )
    regions = _regions_counted(ids)
    beneficiaries = Beneficiary.objects.annotate(n=Count("calls", filter=Q(calls__in=ids)))
    region_options = []
    for region in Region.objects.all():
        n = whole_italy + regions.get(region.pk, 0)
        if n:
            region_options.append((region.code, region.name, n))
    return {
        **facets,
        "funder_type": Facet(
            "funder_type",
            [
                (value, label, funder_types[value])
                for value, label in FunderType.choices
                if funder_types.get(value)
            ],
        ),
        "sector": Facet(
            "sector",
            [(s.code, s.name, s.n + every_sector) for s in sectors if s.n + every_sector],
        ),
        "region": Facet("region", region_options),
        "beneficiary": Facet("beneficiary", [(b.code, b.name, b.n) for b in beneficiaries if b.n]),
        "for_members": for_members,
    }


def cached_call_facets(params, queryset, *, any_status=None, now=None) -> dict:
    """`call_facets(...)` for the catalogue page's `params`, from the cache when it has them."""
    key = versioned_key(FACETS_VERSION, "facets", get_language(), _as_querydict(params))
    facets = cache.get(key)
    if facets is None:
        facets = call_facets(queryset, any_status=any_status, now=now)
        cache.set(key, facets, FACETS_TTL)
    return facets


def _status_facet(queryset, now) -> Facet:
    """How many calls of `queryset` are forthcoming, open and closed at `now`, by their dates (as
    the status filter selects them), in one query."""
    now = now or timezone.now()
    counts = FundingCall.objects.filter(pk__in=queryset.order_by().values("pk")).aggregate(
        **{value: Count("pk", filter=status_q(value, now)) for value in CallStatus.values}
    )
    return Facet(
        "status",
        [(value, label, counts[value]) for value, label in CallStatus.choices if counts[value]],
    )


def call_get(*, pk, user) -> FundingCall:
    """The call at `pk` with everything its page shows; unpublished ones only for staff; a 404
    otherwise (missing and hidden look the same)."""
    call = (
        FundingCall.objects.filter(pk=pk)
        .prefetch_related(
            "sectors",
            "regions",
            "provinces__region",
            "beneficiaries",
            "deadlines",
            "documents",
        )
        .first()
    )
    return get_or_404(call, allowed=can_view_call, user=user)


def call_for_partners(*, pk, user) -> FundingCall:
    """The call at `pk` with its sectors and territory (what the partner finder reads of it),
    as `call_get` allows it."""
    call = FundingCall.objects.filter(pk=pk).prefetch_related("sectors", "regions", "provinces")
    return get_or_404(call.first(), allowed=can_view_call, user=user)


def can_view_call(user, call) -> bool:
    return call.is_published or is_staff_member(user)


def call_document_get(*, call: FundingCall, pk: int):
    """One document of `call` (already loaded and allowed), or a 404."""
    return get_or_404(next((d for d in call.documents.all() if d.pk == pk), None))


@dataclass(frozen=True)
class Countdown:
    """What is left until a deadline: whole days and hours (never negative)."""

    deadline: datetime
    days: int
    hours: int
    passed: bool


def countdown(deadline, now=None) -> Countdown | None:
    if deadline is None:
        return None
    now = now or timezone.now()
    seconds = max(0, int((deadline - now).total_seconds()))
    return Countdown(deadline, seconds // 86400, (seconds % 86400) // 3600, seconds == 0)


def upcoming_deadline(call, now=None):
    """The next cut-off still to come, from the prefetched deadlines (no query)."""
    now = now or timezone.now()
    return next((d.closes_at for d in call.deadlines.all() if d.closes_at > now), None)


class StatusNow(str):
    """A call's status value with the questions templates ask of it (they never compare
    strings)."""

    __slots__ = ()

    @property
    def is_open(self) -> bool:
        return self == CallStatus.OPEN

    @property
    def is_forthcoming(self) -> bool:
        return self == CallStatus.FORTHCOMING

    @property
    def is_closed(self) -> bool:
        return self == CallStatus.CLOSED


def status_now(call, now=None) -> StatusNow:
    """The status the call's dates give now (the stored one may lag a beat run behind)."""
    return StatusNow(
        status_for(
            opens_at=call.opens_at,
            last_deadline_at=call.last_deadline_at,
            now=now or timezone.now(),
        )
    )
