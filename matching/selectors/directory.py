"""Reads of the member directory: the filtered, searched list of profiles with its facets, and the
profiles counted by province.

Every read starts from `profiles_visible_to(viewer)`: hidden, unlisted and blocked people (in
either direction) are never listed, searched, counted in a facet or in a province.

A search finds a profile by its stored Italian vector (core.search: prefixes, accents off) or by
trigram word similarity on the name and the skills. PostgreSQL's default word-similarity threshold
(0.6) is too strict for short names — one wrong letter in "Rossi" gives 0.5 — so the directory's
reads run inside `typo_tolerance()`, which lowers it for their transaction only (the operator keeps
using the GIN trigram indexes; the other searches of the portal are not touched).

Facets are grouped aggregates (two queries whatever the number of profiles and options, which
also give the total the paginator shows), as calls and training count theirs. With 100,000
profiles they are the page's cost (each reads every profile the filters keep), so they are cached
for `FACETS_TTL` seconds per search, filters and language — only for viewers with no block either
way (their counts are everyone's) and under a version that every profile write bumps
(`facets_changed()`), so a new, edited or hidden profile counts at once; what changes elsewhere
(a membership ended) shows within the TTL. Only counts are cached, never a profile.

A search's order is cached the same way (`cached_ranking`: the ids of its `RANKED` best, under
the same version and lifetime, for the same viewers): ranking is the rest of a broad search's cost.
The page's profiles are then read by id through `profiles_visible_to(viewer)` at each request, so
a profile hidden, unlisted or blocked since is never shown. A search looks for near words
(typos) only when its words find less than a page (`TYPOS_BELOW` in matching.filters).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coopportal.core.cache_versions import changed, versioned_key
from coopportal.core.models import name_field

from ..filters import ProfileFilterSet
from ..models import Block, ProfileKind
from .profiles import profiles_visible_to

FACETS_TTL = 120
FACETS_VERSION = "matching:directory"

PAGE_SIZE = 20
RANKED = 500  # the best matches of a search kept in the cache: 25 pages
# how close a word of the search must be to a word of a name or of the skills (pg_trgm's
# word_similarity): 0.5 forgives one wrong letter in a five-letter name
WORD_SIMILARITY = 0.5
# what the page of provinces leaves out of the directory's parameters (it counts every province)
NOT_FOR_PROVINCES = ("province", "region", "page")


@contextmanager
def typo_tolerance(similarity: float = WORD_SIMILARITY):
    """A transaction in which pg_trgm's word similarity threshold is `similarity` (`SET LOCAL`:
    it ends with the transaction). Evaluate the directory's querysets inside it."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                    [str(similarity)],
                )
        yield


def _as_querydict(params):
    if params is None:
        return QueryDict()
    if isinstance(params, str):
        return QueryDict(params)
    return params


def directory_filterset(*, viewer, params) -> ProfileFilterSet:
    """The directory's filters bound to `params` (a QueryDict or a query string) over the
    profiles `viewer` may see, with what a card shows of each."""
    queryset = (
        profiles_visible_to(viewer).select_related("user__province").prefetch_related("skills")
    )
    return ProfileFilterSet(_as_querydict(params), queryset=queryset)


def directory_search(*, viewer, params):
    """The profiles `viewer` finds with `params`: by rank with a search, else the newest listed
    first; invalid filters are left out. Evaluate inside `typo_tolerance()`."""
    return directory_filterset(viewer=viewer, params=params).qs


@dataclass
class Facet:
    """The options of one filter, with how many of the listed profiles each would keep."""

    name: str
    options: list = field(default_factory=list)  # [(value, label, count)], only counts > 0


def _groups(queryset):
    """`queryset` (the directory's, searched and filtered) ready to group: no order, no prefetch."""
    return queryset.order_by().prefetch_related(None)


def _sector_name(row) -> str:
    """The sector's name in the language in use (as `Sector.name` gives it)."""
    return row[f"user__sectors__{name_field()}"] or row["user__sectors__name_it"]


def directory_facets(queryset) -> dict:
    """Per sector, region, kind and "open to collaboration": how many profiles of `queryset`
    each keeps, and `total` (all of them) — two grouped queries over the filtered profiles
    whatever their number and the options': one by (region, kind, open), one by sector."""
    groups = list(
        _groups(queryset)
        .values(
            "user__province__region__code",
            "user__province__region__name",
            "kind",
            "open_to_collaboration",
        )
        .annotate(n=Count("pk"))
    )
    sectors = (
        _groups(queryset)
        .filter(user__sectors__isnull=False)
        .values("user__sectors__code", "user__sectors__name_it", f"user__sectors__{name_field()}")
        .annotate(n=Count("pk"))
    )
    regions: dict[str, list] = {}
    kinds = dict.fromkeys(ProfileKind.values, 0)
    open_count = 0
    for row in groups:  # at most regions × kinds × 2 rows, never one per profile
        code = row["user__province__region__code"]
        if code:
            regions.setdefault(code, [code, row["user__province__region__name"], 0])[2] += row["n"]
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
        open_count += row["n"] if row["open_to_collaboration"] else 0
    sector_options = sorted(
        (row["user__sectors__code"], _sector_name(row), row["n"]) for row in sectors
    )
    return {
        "total": sum(row["n"] for row in groups),
        "sector": Facet("sector", sector_options),
        "region": Facet("region", sorted(map(tuple, regions.values()), key=lambda r: r[1])),
        "kind": Facet(
            "kind",
            [(value, label, kinds[value]) for value, label in ProfileKind.choices if kinds[value]],
        ),
        "open": Facet(
            "open", [("true", _("Open to collaboration"), open_count)] if open_count else []
        ),
    }


def facets_changed() -> None:
    """Every cached count and order of the directory is out of date (a profile is being written
    or hidden): see coopportal.core.cache_versions."""
    changed(FACETS_VERSION)


def _facets_key(params, kind="facets") -> str:
    language = get_language() if kind == "facets" else "-"  # a ranking is the same in any
    return versioned_key(FACETS_VERSION, kind, language, _as_querydict(params))


def _has_blocks(viewer) -> bool:
    return Block.objects.filter(Q(blocker=viewer) | Q(blocked=viewer)).exists()


def cached_facets(viewer, params, queryset, *, blocks=None) -> dict:
    """`directory_facets(queryset)`, from the cache when the counts are everyone's (the viewer
    neither blocked nor was blocked by anyone)."""
    if _has_blocks(viewer) if blocks is None else blocks:
        return directory_facets(queryset)
    key = _facets_key(params)
    facets = cache.get(key)
    if facets is None:
        facets = directory_facets(queryset)
        cache.set(key, facets, FACETS_TTL)
    return facets


def cached_ranking(params, profiles) -> list[int]:
    """The ids of the `RANKED` best profiles of a search, in their order, cached like the facets
    (same version, same lifetime): ranking every match is the search's cost (a broad word
    matches thousands of profiles), the pages then read 20 profiles by id. Only for viewers
    whose results are everyone's (no block either way)."""
    key = _facets_key(params, kind="ranking")
    ranking = cache.get(key)
    if ranking is None:
        ranking = list(profiles.values_list("pk", flat=True)[:RANKED])
        cache.set(key, ranking, FACETS_TTL)
    return ranking


def _ranked_page(paginated: Page, ranking: list[int], visible) -> list | None:
    """The page's profiles read by id from the cached ranking, in its order; None when the page
    lies past what the ranking kept. A profile hidden or gone since is left out (`visible` is
    read now)."""
    start = paginated.start_index() - 1 if paginated.paginator.count else 0
    end = start + paginated.paginator.per_page
    if end > len(ranking) and len(ranking) >= RANKED:
        return None
    ids = ranking[start:end]
    found = visible.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass
class DirectoryPage:
    """One page of the directory, read: the filters (their form and errors), the page of
    profiles (evaluated) and the facets."""

    filterset: ProfileFilterSet
    page: Page
    facets: dict


def directory_page(*, viewer, params, page=None) -> DirectoryPage:
    """The directory as `viewer` sees it with `params`: the page asked (a bad number: the first;
    past the end: the last), with the facets, read in a constant number of queries."""
    with typo_tolerance():
        filterset = directory_filterset(viewer=viewer, params=params)
        profiles = filterset.qs
        blocks = _has_blocks(viewer)
        facets = cached_facets(viewer, params, profiles, blocks=blocks)
        paginator = Paginator(profiles, PAGE_SIZE)
        paginator.count = facets["total"]  # counted with the facets: no COUNT(*) of its own
        paginated = paginator.get_page(page)
        rows = None
        if (filterset.form.cleaned_data.get("q") or "").strip() and not blocks:
            ranking = cached_ranking(params, profiles)
            rows = _ranked_page(paginated, ranking, filterset.queryset)
        paginated.object_list = list(paginated.object_list) if rows is None else rows
    return DirectoryPage(filterset, paginated, facets)


def provinces_with_counts(viewer, params=None) -> list[dict]:
    """The regions and their provinces with how many profiles `viewer` finds in each with the
    directory's other parameters (search, sector, skill…): one grouped query.

    [{"code", "name", "count", "provinces": [{"sigla", "name", "count"}]}], by region then
    province name; places without a profile are left out."""
    params = _as_querydict(params).copy()
    for name in NOT_FOR_PROVINCES:
        params.pop(name, None)
    with typo_tolerance():
        rows = list(
            _groups(directory_search(viewer=viewer, params=params))
            .filter(user__province__isnull=False)
            .values(
                "user__province__sigla",
                "user__province__name",
                "user__province__region__code",
                "user__province__region__name",
            )
            .annotate(n=Count("pk"))
            .order_by("user__province__region__name", "user__province__name")
        )
    regions: dict[str, dict] = {}
    for row in rows:  # one row per province, never per profile
        code = row["user__province__region__code"]
        region = regions.setdefault(
            code,
            {"code": code, "name": row["user__province__region__name"], "count": 0,
             "provinces": []},
        )  # fmt: skip
        region["count"] += row["n"]
        region["provinces"].append(
            {
                "sigla": row["user__province__sigla"],
                "name": row["user__province__name"],
                "count": row["n"],
            }
        )
    return list(regions.values())
