"""Suggestions: the members most complementary to someone, each with the reasons, and the partner
finder of a funding call or a call to action. One engine serves both.

What a person (or a call) looks for is a `Wish`: the tags it needs, the tags it offers, its skills,
its sectors, its place and, for a call, its words. The engine

1. takes the *candidates* from indexes only: the profiles holding one of the wished tags (the
   tag_id indexes of the skills, offers and needs tables), in one of the wished sectors (the
   sector_id index of the people's sectors), or whose stored vector matches the words (GIN); the
   ones that may not be shown (`profiles_visible_to`: hidden, unlisted, blocked either way), the
   person themselves and, for suggestions, the people already in contact are left out;
2. scores them in the database, each part a correlated count on the through tables' unique
   (profile, tag) indexes — their offers meeting my needs and my offers meeting theirs weigh most,
   and both directions add up —, sorts and cuts there: no Python loop over the profiles;
3. explains the page's few winners with one query per kind of reason (`reasons_for`).

Weights (`W_*`) are per matching tag or sector. Same province or region is a bonus for candidates
already found, never a reason on its own to suggest someone (a province holds thousands).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopportal.accounts.models import User
from coopportal.core.search import contains_words, is_postgresql, prefix_query

from ..models import ContactRequest, Profile
from .profiles import connected_q, profiles_visible_to

W_OFFER_MEETS_NEED = 3  # they offer what I look for
W_NEED_MEETS_OFFER = 3  # they look for what I offer (or can do)
W_SKILL_MEETS_NEED = 2  # they can do what I look for (a skill, not an offer)
W_BOTH_WAYS = 2  # once, when the match goes both ways
W_SHARED_SKILL = 1
W_SHARED_SECTOR = 1
W_SAME_PROVINCE = 2
W_SAME_REGION = 1
W_WORDS = 4  # a call's words, times the text rank (0–1)
W_OPEN = 1  # open to collaboration

SHOWN = 20
WORD_FIELDS = ("display_name", "skills_text", "activity", "presentation", "tags_text")

Skills = Profile.skills.through
Offers = Profile.offers.through
Needs = Profile.needs.through
Sectors = User.sectors.through


@dataclass(frozen=True)
class Wish:
    """What someone looks for. Tag and sector ids; `provinces`/`regions` the place (a bonus, or a
    filter when `place_required`); `words` free text (a call's title and summary)."""

    needs: frozenset = frozenset()
    offers: frozenset = frozenset()  # my offers and my skills: they meet the others' needs
    skills: frozenset = frozenset()
    sectors: frozenset = frozenset()
    provinces: frozenset = frozenset()
    regions: frozenset = frozenset()
    place_required: bool = False
    words: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.needs or self.offers or self.skills or self.sectors or self.words.strip())


@dataclass
class Suggestion:
    profile: Profile
    score: int
    reasons: list = field(default_factory=list)


def wish_of_profile(profile) -> Wish:
    """What a member's profile looks for (three small queries)."""
    skills = frozenset(profile.skills.values_list("pk", flat=True))
    return Wish(
        needs=frozenset(profile.needs.values_list("pk", flat=True)),
        offers=frozenset(profile.offers.values_list("pk", flat=True)) | skills,
        skills=skills,
        sectors=frozenset(profile.user.sectors.values_list("pk", flat=True)),
        provinces=frozenset([profile.user.province_id])
        if profile.user.province_id
        else frozenset(),
        regions=frozenset([profile.user.province.region_id])
        if profile.user.province_id
        else frozenset(),
    )


def _hits(through, column: str, ids) -> Coalesce:
    """How many of `ids` the candidate holds in `through` (0 without ids: no query part)."""
    if not ids:
        return Value(0)
    owner = "profile_id" if through is not Sectors else "user_id"
    outer = "pk" if through is not Sectors else "user_id"
    counted = (
        through.objects.filter(**{owner: OuterRef(outer), f"{column}__in": sorted(ids)})
        .order_by()
        .values(owner)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _candidate_q(wish: Wish, words_query: Q | None) -> Q:
    """The profiles worth scoring, each arm answered by an index."""
    arms = Q(pk__in=[])
    for through, ids in ((Offers, wish.needs), (Skills, wish.needs | wish.skills)):
        if ids:
            arms |= Q(pk__in=through.objects.filter(tag_id__in=sorted(ids)).values("profile_id"))
    if wish.offers:
        arms |= Q(pk__in=Needs.objects.filter(tag_id__in=sorted(wish.offers)).values("profile_id"))
    if wish.sectors:
        arms |= Q(
            user_id__in=Sectors.objects.filter(sector_id__in=sorted(wish.sectors)).values("user_id")
        )
    if words_query is not None:
        arms |= words_query
    return arms


def _place_q(wish: Wish) -> Q:
    return Q(user__province_id__in=sorted(wish.provinces)) | Q(
        user__province__region_id__in=sorted(wish.regions)
    )


def ranked(viewer, wish: Wish, *, exclude_connected: bool, limit: int = SHOWN):
    """The `limit` best profiles for `wish` as `viewer` may see them, best first, annotated with
    `score` (and `is_connected`, `has_pending`): one query."""
    if wish.is_empty:
        return Profile.objects.none()
    queryset = profiles_visible_to(viewer).exclude(user_id=viewer.pk)
    words_query = words_rank = None
    if wish.words and is_postgresql(queryset):
        words_query = prefix_query(wish.words)
        if words_query is not None:
            words_rank = SearchRank(F("search_vector"), words_query)
            words_query = Q(search_vector=words_query)
    elif wish.words:  # the SQLite of `make run`: the words in the texts, each match counting 1
        words_query = contains_words(wish.words, WORD_FIELDS)
        if words_query is not None:
            words_rank = Case(When(words_query, then=Value(1.0)), default=Value(0.0))
    queryset = queryset.filter(_candidate_q(wish, words_query))
    if wish.place_required and (wish.provinces or wish.regions):
        queryset = queryset.filter(_place_q(wish))
    connected = connected_q(viewer)
    queryset = queryset.exclude(connected) if exclude_connected else queryset
    offers_meet = _hits(Offers, "tag_id", wish.needs)
    needs_meet = _hits(Needs, "tag_id", wish.offers)
    queryset = queryset.annotate(
        offers_meet=offers_meet,
        needs_meet=needs_meet,
        skills_meet=_hits(Skills, "tag_id", wish.needs),
        skills_shared=_hits(Skills, "tag_id", wish.skills),
        sectors_shared=_hits(Sectors, "sector_id", wish.sectors),
        place=Case(
            When(Q(user__province_id__in=sorted(wish.provinces)), then=Value(W_SAME_PROVINCE)),
            When(Q(user__province__region_id__in=sorted(wish.regions)), then=Value(W_SAME_REGION)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        words=words_rank if words_rank is not None else Value(0.0, output_field=FloatField()),
    ).annotate(
        score=(
            F("offers_meet") * W_OFFER_MEETS_NEED
            + F("needs_meet") * W_NEED_MEETS_OFFER
            + F("skills_meet") * W_SKILL_MEETS_NEED
            + F("skills_shared") * W_SHARED_SKILL
            + F("sectors_shared") * W_SHARED_SECTOR
            + F("place")
            + Case(
                When(Q(offers_meet__gt=0) & Q(needs_meet__gt=0), then=Value(W_BOTH_WAYS)),
                default=Value(0),
            )
            + Case(When(open_to_collaboration=True, then=Value(W_OPEN)), default=Value(0))
        )
        + F("words") * W_WORDS,
        is_connected=Value(False) if exclude_connected else connected,
        has_pending=Exists(
            ContactRequest.objects.filter(
                Q(sender=viewer, recipient=OuterRef("user_id"))
                | Q(sender=OuterRef("user_id"), recipient=viewer),
                status=ContactRequest.Status.PENDING,
            )
        ),
    )
    return (
        queryset.select_related("user__province__region")
        .prefetch_related("skills")
        .order_by("-score", "-listed_at", "pk")[:limit]
    )


def _names(rows) -> dict:
    """{owner id: [names]} from (owner id, name) rows, in the rows' order."""
    found: dict = {}
    for owner, name in rows:
        found.setdefault(owner, []).append(name)
    return found


def _em(names) -> str:
    return format_html_join(", ", "<em>{}</em>", ((name,) for name in names))


def reasons_for(profiles, wish: Wish, *, for_call: bool = False) -> dict:
    """{profile pk: [reason, …]} for a page of ranked profiles: one query per kind of reason
    (offers, needs, skills, sectors), the place from the loaded rows. Reasons are safe HTML
    (the tag names escaped, in <em>)."""
    pks = [profile.pk for profile in profiles]
    users = {profile.user_id: profile.pk for profile in profiles}
    if not pks:
        return {}

    def tags(through, ids):
        if not ids:
            return {}
        rows = (
            through.objects.filter(profile_id__in=pks, tag_id__in=sorted(ids))
            .order_by(Lower("tag__name"))
            .values_list("profile_id", "tag__name")
        )
        return _names(rows)

    offers = tags(Offers, wish.needs)
    needs = tags(Needs, wish.offers)
    skills_needed = tags(Skills, wish.needs)
    skills_shared = tags(Skills, wish.skills - wish.needs)
    sectors = {}
    if wish.sectors:
        rows = (
            Sectors.objects.filter(user_id__in=list(users), sector_id__in=sorted(wish.sectors))
            .select_related("sector")
            .order_by("sector__code")
        )
        found = _names((row.user_id, row.sector.name) for row in rows)
        sectors = {users[user]: names for user, names in found.items()}
    reasons: dict = {}
    for profile in profiles:
        said = []
        if profile.pk in offers:
            said.append(
                format_html(_("offers {}, which you are looking for"), _em(offers[profile.pk]))
            )
        if profile.pk in skills_needed:
            said.append(
                format_html(
                    _("can do {}, which you are looking for"), _em(skills_needed[profile.pk])
                )
            )
        if profile.pk in needs:
            said.append(
                format_html(_("is looking for {}, which you offer"), _em(needs[profile.pk]))
            )
        if profile.pk in skills_shared:
            said.append(format_html(_("shares your skills: {}"), _em(skills_shared[profile.pk])))
        if profile.pk in sectors:
            said.append(
                format_html(
                    _("works in the call's sectors: {}")
                    if for_call
                    else ngettext(
                        "works in your sector: {}",
                        "works in your sectors: {}",
                        len(sectors[profile.pk]),
                    ),
                    _em(sectors[profile.pk]),
                )
            )
        province = profile.user.province
        if province is not None and province.pk in wish.provinces:
            said.append(format_html(_("in the province of {}"), province.name))
        elif province is not None and province.region_id in wish.regions:
            said.append(format_html(_("in the region {}"), province.region.name))
        if for_call and getattr(profile, "words", 0):
            said.append(_("presents an activity that matches the words of the call"))
        if getattr(profile, "is_connected", False):
            said.append(_("you are already in contact"))
        reasons[profile.pk] = said
    return reasons


def suggestions_for(viewer, wish: Wish, *, limit: int = SHOWN) -> list[Suggestion]:
    """The members most complementary to `viewer` (whose profile's `wish_of_profile` says what
    they look for), with the reasons; nobody already in contact with them."""
    rows = list(ranked(viewer, wish, exclude_connected=True, limit=limit))
    reasons = reasons_for(rows, wish)
    return [Suggestion(row, round(row.score), reasons[row.pk]) for row in rows]


def wish_of_call(call) -> Wish:
    """What a funding call looks for: its sectors (all of them: none), its territory (a filter,
    unless it is the whole of Italy) and the words of its title (a summary's many common words
    would bring in half the directory)."""
    sectors = (
        frozenset() if call.all_sectors else frozenset(call.sectors.values_list("pk", flat=True))
    )
    provinces = frozenset(call.provinces.values_list("pk", flat=True))
    regions = frozenset(call.regions.values_list("pk", flat=True))
    return Wish(
        sectors=sectors,
        provinces=provinces,
        regions=regions,
        place_required=not call.whole_italy and bool(provinces or regions),
        words=call.title,
    )


def wish_of_action(action) -> Wish:
    """What a call to action looks for: the words of its title and theme."""
    return Wish(words=f"{action.title} {action.theme}")


def partners_for(viewer, wish: Wish, *, limit: int = SHOWN) -> list[Suggestion]:
    """The members who could join a call (or a call to action), with the reasons; the people
    already in contact stay, said so."""
    rows = list(ranked(viewer, wish, exclude_connected=False, limit=limit))
    reasons = reasons_for(rows, wish, for_call=True)
    return [Suggestion(row, round(row.score), reasons[row.pk]) for row in rows]
