"""Suggestions: the members most complementary to someone, each with the reasons, and the partner
finder of a funding call or a call to action. One engine serves both.

What a person (or a call) looks for is a `Wish`: the tags it needs, the tags it offers, its skills,
its sectors, its place and, for a call, its words. The engine

1. takes the *candidates* from indexes only: one row per matching tag of the profiles holding a
   wished tag (the tag_id indexes of the skills, offers and needs tables), per wished sector (the
   sector_id index of the people's sectors), and the profiles whose stored vector matches the
   words (GIN, with their rank);
2. adds them up per profile in the database (one GROUP BY over those rows — their offers meeting
   my needs and my offers meeting theirs weigh most, and both directions add up), keeps the
   `SHORTLIST` best, joins them to the profiles that may be shown (`profiles_visible_to`:
   hidden, unlisted, blocked either way left out; the person themselves and, for suggestions, the
   people already in contact too), adds the place and openness bonus, sorts and cuts there: no
   Python loop over the profiles, no query per candidate (`ranked_sql`; with 100,000 profiles
   that made the page take seconds);
3. explains the page's few winners with one query per kind of reason (`reasons_for`).

Weights (`W_*`) are per matching tag or sector. Same province or region is a bonus for candidates
already found, never a reason on its own to suggest someone (a province holds thousands).
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopportal.accounts.models import Province, User
from coopportal.core.cache_versions import versioned_key
from coopportal.core.search import contains_words, is_postgresql, prefix_query

from ..models import ContactRequest, Profile
from .directory import FACETS_VERSION
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
# what others change in their profiles reaches a cached ranking at once (the version); the
# lifetime bounds what changes elsewhere (a membership ended: the profile is filtered out anyway)
RANKING_TTL = 600
SHORTLIST = 2000  # candidates ranked by their tags before the place bonus and the visibility
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


def _tag_ids(rows, kind: str, column: str):
    return (
        rows.order_by()
        .annotate(kind=Value(kind, output_field=CharField()), ref=F(column))
        .values_list("kind", "ref")
    )


def wish_of_profile(profile) -> Wish:
    """What a member's profile looks for: its skills, needs, offers and sectors in one query
    (a UNION ALL)."""
    found = {"skills": set(), "needs": set(), "offers": set(), "sectors": set()}
    parts = [
        _tag_ids(Skills.objects.filter(profile_id=profile.pk), "skills", "tag_id"),
        _tag_ids(Needs.objects.filter(profile_id=profile.pk), "needs", "tag_id"),
        _tag_ids(Offers.objects.filter(profile_id=profile.pk), "offers", "tag_id"),
        _tag_ids(Sectors.objects.filter(user_id=profile.user_id), "sectors", "sector_id"),
    ]
    first, *others = parts
    for kind, ref in first.union(*others, all=True):
        found[kind].add(ref)
    skills = frozenset(found["skills"])
    return Wish(
        needs=frozenset(found["needs"]),
        offers=frozenset(found["offers"]) | skills,
        skills=skills,
        sectors=frozenset(found["sectors"]),
        provinces=frozenset([profile.user.province_id])
        if profile.user.province_id
        else frozenset(),
        regions=frozenset([profile.user.province.region_id])
        if profile.user.province_id
        else frozenset(),
    )


KINDS = ("offers_meet", "needs_meet", "skills_meet", "skills_shared", "sectors_shared", "words")


def _arms(wish: Wish, queryset) -> list:
    """The sources of the candidates, each read through an index: one row per (profile, matching
    tag / sector / the words), as (pid, one column per kind of match, the others 0)."""
    arms = []

    def add(rows, kind, pid="profile_id", value=None):
        # counts are integers (cheap to add up), the words' rank a float
        columns = {name: Value(0, output_field=IntegerField()) for name in KINDS}
        columns["words"] = Value(0.0, output_field=FloatField())
        columns[kind] = value if value is not None else Value(1, output_field=IntegerField())
        arms.append(rows.order_by().values(pid=F(pid), **columns))

    if wish.needs:
        add(Offers.objects.filter(tag_id__in=sorted(wish.needs)), "offers_meet")
        add(Skills.objects.filter(tag_id__in=sorted(wish.needs)), "skills_meet")
    if wish.offers:
        add(Needs.objects.filter(tag_id__in=sorted(wish.offers)), "needs_meet")
    if wish.skills:
        add(Skills.objects.filter(tag_id__in=sorted(wish.skills)), "skills_shared")
    if wish.sectors:
        sectors = Sectors.objects.filter(
            sector_id__in=sorted(wish.sectors), user__matching_profile__isnull=False
        )
        add(sectors, "sectors_shared", pid="user__matching_profile")
    if wish.words and is_postgresql(queryset):
        query = prefix_query(wish.words)
        if query is not None:
            rank = SearchRank(F("search_vector"), query)
            add(Profile.objects.filter(search_vector=query), "words", pid="pk", value=rank)
    elif wish.words:  # the SQLite of `make run`: the words in the texts, a match counting 1
        found = contains_words(wish.words, WORD_FIELDS)
        if found is not None:
            one = Value(1.0, output_field=FloatField())
            add(Profile.objects.filter(found), "words", pid="pk", value=one)
    return arms


def _in_regions(wish: Wish) -> Q:
    """The people whose province lies in one of the wished regions (a list of province ids the
    database keeps as a hashed set: no join per profile)."""
    provinces = Province.objects.filter(region_id__in=sorted(wish.regions)).values("pk")
    return Q(user__province_id__in=provinces)


def _place_q(wish: Wish) -> Q:
    return Q(user__province_id__in=sorted(wish.provinces)) | _in_regions(wish)


def _visible(viewer, wish: Wish, *, exclude_connected: bool):
    """The profiles that may be suggested, with their bonus (same place, open to
    collaboration), as (vid, bonus, listed)."""
    queryset = profiles_visible_to(viewer).exclude(user_id=viewer.pk)
    if wish.place_required and (wish.provinces or wish.regions):
        queryset = queryset.filter(_place_q(wish))
    if exclude_connected:
        queryset = queryset.exclude(connected_q(viewer))
    place = Case(
        When(Q(user__province_id__in=sorted(wish.provinces)), then=Value(W_SAME_PROVINCE)),
        When(_in_regions(wish), then=Value(W_SAME_REGION)),
        default=Value(0),
        output_field=IntegerField(),
    )
    open_bonus = Case(
        When(open_to_collaboration=True, then=Value(W_OPEN)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.order_by().values(vid=F("pk"), bonus=place + open_bonus, listed=F("listed_at"))


def ranked_sql(viewer, wish: Wish, *, exclude_connected: bool, limit: int = SHOWN):
    """The SQL (and its parameters) of the `limit` best (profile id, score, counts per kind)
    for `wish`: the candidates' rows from the indexes (`_arms`), added up per profile (GROUP
    BY), joined to the profiles that may be shown, sorted and cut — all in the database. Built
    from the ORM's own SQL of each part, so it runs on PostgreSQL and on SQLite alike."""
    visible = _visible(viewer, wish, exclude_connected=exclude_connected)
    arms = _arms(wish, visible)
    if not arms:
        return None, []
    parts, params = [], []
    for arm in arms:
        sql, arm_params = arm.query.sql_with_params()
        parts.append(sql)
        params.extend(arm_params)
    visible_sql, visible_params = visible.query.sql_with_params()
    sums = ", ".join(f"{'MAX' if kind == 'words' else 'SUM'}(h.{kind}) AS {kind}" for kind in KINDS)
    tags = (
        f"{{p}}offers_meet * {W_OFFER_MEETS_NEED} + {{p}}needs_meet * {W_NEED_MEETS_OFFER}"
        f" + {{p}}skills_meet * {W_SKILL_MEETS_NEED} + {{p}}skills_shared * {W_SHARED_SKILL}"
        f" + {{p}}sectors_shared * {W_SHARED_SECTOR} + {{p}}words * {W_WORDS}"
    )
    both = f" + CASE WHEN s.offers_meet > 0 AND s.needs_meet > 0 THEN {W_BOTH_WAYS} ELSE 0 END"
    score = tags.format(p="s.") + both + " + v.bonus"
    # the shortlist: the SHORTLIST best by their tags, sectors and words alone (a cheap sort of
    # the grouped rows), then visibility, the place and openness decide among them
    shortlist = tags.format(p="g.")
    # only constants and the ORM's compiled SQL are spliced in; every value is a parameter
    sql = (
        f"SELECT s.pid, {score} AS score, {', '.join('s.' + kind for kind in KINDS)}"  # noqa: S608  # nosec B608
        f" FROM (SELECT g.* FROM (SELECT h.pid, {sums} FROM ({' UNION ALL '.join(parts)}) h"
        f" GROUP BY h.pid) g ORDER BY {shortlist} DESC, g.pid LIMIT %s) s"
        f" INNER JOIN ({visible_sql}) v ON v.vid = s.pid"
        " ORDER BY score DESC, v.listed DESC, s.pid LIMIT %s"
    )
    return sql, [*params, SHORTLIST, *visible_params, limit]


def _cached_rows(viewer, wish: Wish, *, exclude_connected: bool, limit: int) -> list:
    """The rows of `ranked_sql`, cached per viewer and wish for `RANKING_TTL` seconds under the
    directory's version (every profile write bumps it): the ranking reads every candidate's tags
    (a GROUP BY over thousands of rows with 60,000 profiles), the page then reads 20 profiles."""
    asked = repr(
        (
            *(sorted(getattr(wish, name)) for name in ("needs", "offers", "skills", "sectors")),
            sorted(wish.provinces),
            sorted(wish.regions),
            wish.place_required,
            wish.words,
            exclude_connected,
            limit,
        )
    )
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    key = versioned_key(FACETS_VERSION, "suggestions", viewer.pk, digest)
    rows = cache.get(key)
    if rows is None:
        sql, params = ranked_sql(viewer, wish, exclude_connected=exclude_connected, limit=limit)
        if sql is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        cache.set(key, rows, RANKING_TTL)
    return rows


def ranked(viewer, wish: Wish, *, exclude_connected: bool, limit: int = SHOWN) -> list:
    """The `limit` best profiles for `wish` as `viewer` may see them, best first, each with its
    `score`, its counts per kind of match, `is_connected` and `has_pending`: four queries (the
    ranking, the profiles with their skills, the contacts with the viewer)."""
    if wish.is_empty:
        return []
    rows = _cached_rows(viewer, wish, exclude_connected=exclude_connected, limit=limit)
    if not rows:
        return []
    # read now, through what the viewer may see: someone hidden, blocked or (for suggestions)
    # contacted since the ranking was cached is left out
    shown = profiles_visible_to(viewer).exclude(user_id=viewer.pk)
    if exclude_connected:
        shown = shown.exclude(connected_q(viewer))
    profiles = (
        shown.filter(pk__in=[row[0] for row in rows])
        .select_related("user__province__region")
        .prefetch_related("skills")
        .in_bulk()
    )
    users = [profile.user_id for profile in profiles.values()]
    between = ContactRequest.objects.filter(
        Q(sender=viewer, recipient_id__in=users) | Q(sender_id__in=users, recipient=viewer),
        status__in=[ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED],
    ).values_list("sender_id", "recipient_id", "status")
    status_with = {}
    for sender, recipient, status in between:
        other = recipient if sender == viewer.pk else sender
        status_with.setdefault(other, set()).add(status)
    found = []
    for pid, score, *counts in rows:
        profile = profiles.get(pid)
        if profile is None:  # gone between the two reads
            continue
        profile.score = float(score)
        for kind, value in zip(KINDS, counts, strict=True):
            setattr(profile, kind, value)
        statuses = status_with.get(profile.user_id, set())
        profile.is_connected = ContactRequest.Status.ACCEPTED in statuses
        profile.has_pending = ContactRequest.Status.PENDING in statuses
        found.append(profile)
    return found


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
    rows = ranked(viewer, wish, exclude_connected=True, limit=limit)
    reasons = reasons_for(rows, wish)
    return [Suggestion(row, round(row.score), reasons[row.pk]) for row in rows]


def wish_of_call(call) -> Wish:
    """What a funding call looks for: its sectors (all of them: none), its territory (a filter,
    unless it is the whole of Italy) and the words of its title (a summary's many common words
    would bring in half the directory)."""
    # `.all()`: the call's page prefetched them (`calls.selectors.catalogue.call_for_partners`)
    sectors = frozenset() if call.all_sectors else frozenset(s.pk for s in call.sectors.all())
    provinces = frozenset(p.pk for p in call.provinces.all())
    regions = frozenset(r.pk for r in call.regions.all())
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
    rows = ranked(viewer, wish, exclude_connected=False, limit=limit)
    reasons = reasons_for(rows, wish, for_call=True)
    return [Suggestion(row, round(row.score), reasons[row.pk]) for row in rows]
