"""The directory's filters: what members narrow the list of profiles by.

Sectors and tags are matched with `Exists()`, never with joins, so a profile is listed once and
the facets count it once. An unknown value (a sector code or a tag that does not exist, a province
sigla such as "zzz") is a form error shown to the person; the other filters still apply
(`ProfileFilterSet.qs`, from core.forms.LenientFilterSet, never empties the list for one bad value
and never raises).

The text search goes through `coopportal.core.search` on the stored, weighted `search_vector`
(Italian, accents off, prefixes) and trigram word similarity on the name and the skills, so a typo
still finds the person (`directory.typo_tolerance` sets how close a word must be).
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.filters import province_filter, region_filter, sector_filter
from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search

from .models import Profile, ProfileKind, Tag

MAX_QUERY = 200
# Applied by `filter_queryset` itself, after the others.
SPECIAL = ("q",)
TRIGRAM_FIELDS = ("display_name", "skills_text")
# a search looks for near words (typos) only when its words find fewer profiles than a page
TYPOS_BELOW = 20
# the parameters a directory search is made of (what a saved search keeps)
PARAMS = ("q", "sector", "region", "province", "skill", "offers", "needs", "open", "kind")


def sector_q(sector) -> Q:
    """The profiles whose owner works in `sector` (a Sector, a pk or an OuterRef)."""
    through = get_user_model().sectors.through
    return Q(Exists(through.objects.filter(user_id=OuterRef("user_id"), sector=sector)))


def tag_q(relation: str, tag) -> Q:
    """The profiles with `tag` among their `relation` ("skills", "offers", "needs")."""
    through = getattr(Profile, relation).through
    return Q(Exists(through.objects.filter(profile_id=OuterRef("pk"), tag=tag)))


def _tag_filter(label, relation, unknown):
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=Tag.objects.all(),
        to_field_name="key",
        method="by_" + relation,
        error_messages={"invalid_choice": unknown},
    )


class ProfileFilterSet(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    sector = sector_filter(method="by_sector")
    region = region_filter(field_name="user__province__region")
    province = province_filter(field_name="user__province")
    skill = _tag_filter(_("Skill"), "skills", _("Unknown skill: that filter was ignored."))
    offers = _tag_filter(_("Offers"), "offers", _("Unknown offer: that filter was ignored."))
    needs = _tag_filter(_("Looks for"), "needs", _("Unknown need: that filter was ignored."))
    open = django_filters.BooleanFilter(
        label=_("Open to collaboration"), method="by_open", widget=forms.CheckboxInput
    )
    kind = django_filters.ChoiceFilter(
        label=_("Person or enterprise"),
        choices=ProfileKind.choices,
        error_messages={"invalid_choice": _("Unknown kind of profile: that filter was ignored.")},
    )

    class Meta:
        model = Profile
        fields = []

    def unfiltered(self, queryset):
        return self._finish(queryset, {})

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in SPECIAL:
                queryset = self.filters[name].filter(queryset, value)
        return self._finish(queryset, data)

    def _finish(self, queryset, data):
        """With a search, the best match first; without, the newest listed first."""
        text = (data.get("q") or "").strip()
        if text:
            return search(
                queryset,
                text,
                fallback=("display_name", "skills_text"),
                trigram_fields=TRIGRAM_FIELDS,
                # every profile's vector is kept by matching.services.profiles (profile_refresh);
                # the arm for rows without one would make PostgreSQL read the whole table
                unindexed_fallback=False,
                # near words only when the words themselves find less than a page
                typos_below=TYPOS_BELOW,
            )
        return queryset.order_by("-listed_at", "-pk")

    def by_sector(self, queryset, name, value):
        return queryset.filter(sector_q(value))

    def by_skills(self, queryset, name, value):
        return queryset.filter(tag_q("skills", value))

    def by_offers(self, queryset, name, value):
        return queryset.filter(tag_q("offers", value))

    def by_needs(self, queryset, name, value):
        return queryset.filter(tag_q("needs", value))

    def by_open(self, queryset, name, value):
        return queryset.filter(open_to_collaboration=True) if value else queryset
