"""Calls for me: the open calls that fit a member, best first, each with its reasons and with
what is not known.

What the portal knows of the person — their province (and so region), their sectors and their
enterprise size (from the profile; from the matching profile once it exists) — is compared in one
query with what each call says. A call that says something that rules the person out (another
region, only other sectors, only other sizes) is left out; a call that says nothing on a point is
kept, and the point is listed as unknown: a missing field is never "not eligible".
"""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import FundingCall
from ..models.catalogue import open_q

COOPERATIVE_KINDS = ("cooperatives", "third-sector")

# points per kind of fit (ranking only; the reasons say what they are)
POINTS = {
    "province": 4,
    "region": 3,
    "italy": 1,
    "sector": 3,
    "all_sectors": 1,
    "size": 2,
    "cooperatives": 2,
    "members": 2,
}


@dataclass
class CallForMe:
    call: FundingCall
    score: int
    reasons: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    following: bool = False


def _through(name):
    return getattr(FundingCall, name).through.objects.filter(fundingcall_id=OuterRef("pk"))


def _as_int(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def calls_for_me_queryset(user, *, now=None):
    """Open, published calls that do not rule `user` out, annotated with what fits and ordered
    by `fit` (best first), then by the nearest deadline."""
    now = now or timezone.now()
    province = user.province if user.province_id else None
    region_id = province.region_id if province else None
    sector_ids = list(user.sectors.values_list("pk", flat=True))
    size = user.enterprise_size or ""

    qs = FundingCall.objects.filter(open_q(now), is_published=True).annotate(
        has_territory=Exists(_through("regions"))
        | Exists(_through("provinces"))
        | Q(whole_italy=True)
        | Q(abroad=True),
        in_province=Exists(_through("provinces").filter(province_id=province.pk))
        if province
        else Value(False),
        in_region=(
            Exists(_through("regions").filter(region_id=region_id))
            | Exists(_through("provinces").filter(province__region_id=region_id))
        )
        if region_id
        else Value(False),
        has_sectors=Exists(_through("sectors")) | Q(all_sectors=True),
        in_sector=Exists(_through("sectors").filter(sector_id__in=sector_ids))
        if sector_ids
        else Value(False),
        has_beneficiaries=Exists(_through("beneficiaries")),
        for_cooperatives=Exists(
            _through("beneficiaries").filter(beneficiary__code__in=COOPERATIVE_KINDS)
        ),
        for_members=Exists(_through("beneficiaries").filter(beneficiary__for_members=True)),
        has_sizes=Q(size_micro=True)
        | Q(size_small=True)
        | Q(size_medium=True)
        | Q(size_large=True),
        fits_size=Q(**{f"size_{size}": True}) if size else Value(False),
    )
    if region_id:  # a call for other places rules the person out
        qs = qs.exclude(
            Q(has_territory=True) & Q(in_region=False) & Q(in_province=False) & Q(whole_italy=False)
        )
    if sector_ids:
        qs = qs.exclude(Q(all_sectors=False) & Q(has_sectors=True) & Q(in_sector=False))
    if size:
        qs = qs.exclude(Q(has_sizes=True) & Q(fits_size=False))
    fit = (
        _as_int(Q(in_province=True)) * POINTS["province"]
        + _as_int(Q(in_region=True) & Q(in_province=False)) * POINTS["region"]
        + _as_int(Q(whole_italy=True)) * POINTS["italy"]
        + _as_int(Q(in_sector=True)) * POINTS["sector"]
        + _as_int(Q(all_sectors=True)) * POINTS["all_sectors"]
        + _as_int(Q(fits_size=True)) * POINTS["size"]
        + _as_int(Q(for_cooperatives=True)) * POINTS["cooperatives"]
        + _as_int(Q(for_members=True)) * POINTS["members"]
    )
    return qs.annotate(fit=fit).order_by("-fit", F("next_deadline_at").asc(nulls_last=True), "-pk")


def _names(objects, *, limit=3) -> str:
    names = [str(o) for o in objects][:limit]
    return ", ".join(names)


def explain(call, user, *, my_sectors=None) -> CallForMe:
    """The reasons and the unknowns of one annotated call (from calls_for_me_queryset, with its
    sectors prefetched); `my_sectors`, the ids of the person's sectors, read once for a page."""
    reasons: list[str] = []
    unknown: list[str] = []
    province = user.province if user.province_id else None
    if call.in_province and province:
        reasons.append(_("province of %(name)s") % {"name": province.name})
    elif call.in_region and province:
        reasons.append(_("region %(name)s") % {"name": province.region.name})
    elif call.whole_italy:
        reasons.append(_("all of Italy"))
    elif not call.has_territory:
        unknown.append(_("territory not stated"))
    if not province:
        unknown.append(_("your province (add it to your profile)"))

    if my_sectors is None:
        my_sectors = set(user.sectors.values_list("pk", flat=True))
    if call.in_sector:
        matching = [s for s in call.sectors.all() if s.pk in my_sectors]
        reasons.append(_("sector %(names)s") % {"names": _names(matching)})
    elif call.all_sectors:
        reasons.append(_("all sectors"))
    elif not call.has_sectors:
        unknown.append(_("sectors not stated"))
    if not my_sectors:
        unknown.append(_("your sectors (add them to your profile)"))

    if call.for_cooperatives:
        reasons.append(_("open to cooperatives"))
    if call.for_members:
        reasons.append(_("aid for members themselves"))
    if not call.has_beneficiaries:
        unknown.append(_("beneficiaries not stated"))

    if call.fits_size:
        reasons.append(_("for your size of enterprise"))
    elif not call.has_sizes and user.enterprise_size:
        unknown.append(_("enterprise sizes not stated"))
    return CallForMe(call=call, score=call.fit, reasons=reasons, unknown=unknown)


def calls_for_me(user, *, now=None):
    """The open calls for `user`, best first (a queryset to paginate; `explain` each row)."""
    return calls_for_me_queryset(user, now=now).prefetch_related("sectors")
