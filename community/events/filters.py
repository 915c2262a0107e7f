"""The event catalogue's filters: search, sector, region, province, person or enterprise, and a
tag offered (or looked for). An unknown value is a form error shown to the person; the other
filters still apply (LenientFilterSet). Tags are matched with `Exists()`, so a person is listed
once. The text search goes through `coopportal.core.search` (Italian, accents off, prefixes) on
the registration's stored vector and trigram similarity on the name."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.filters import province_filter, region_filter, sector_filter
from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search
from matching.models import ProfileKind, Tag

from .models import Registration

MAX_QUERY = 200
PARAMS = ("q", "sector", "region", "province", "kind", "offers", "requests")


def tag_q(relation: str, tag) -> Q:
    through = getattr(Registration, relation).through
    return Q(Exists(through.objects.filter(registration_id=OuterRef("pk"), tag=tag)))


class RegistrationFilterSet(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        method="by_nothing",
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    sector = sector_filter(field_name="sector")
    region = region_filter(field_name="province__region")
    province = province_filter(field_name="province")
    kind = django_filters.ChoiceFilter(
        label=_("Person or enterprise"),
        choices=ProfileKind.choices,
        error_messages={"invalid_choice": _("Unknown kind of profile: that filter was ignored.")},
    )
    offers = django_filters.ModelChoiceFilter(
        label=_("Offers"),
        queryset=Tag.objects.all(),
        to_field_name="key",
        method="by_offers",
        error_messages={"invalid_choice": _("Unknown offer: that filter was ignored.")},
    )
    requests = django_filters.ModelChoiceFilter(
        label=_("Looks for"),
        queryset=Tag.objects.all(),
        to_field_name="key",
        method="by_requests",
        error_messages={"invalid_choice": _("Unknown need: that filter was ignored.")},
    )

    class Meta:
        model = Registration
        fields = []

    def unfiltered(self, queryset):
        return queryset.order_by("display_name", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        text = (self.form.cleaned_data.get("q") or "").strip()
        if not text:
            return queryset.order_by("display_name", "pk")
        return search(
            queryset,
            text,
            fallback=("display_name", "organisation_name", "tags_text"),
            trigram_fields=("display_name",),
        )

    def by_nothing(self, queryset, name, value):
        return queryset  # the search is applied last, in filter_queryset

    def by_offers(self, queryset, name, value):
        return queryset.filter(tag_q("offer_tags", value))

    def by_requests(self, queryset, name, value):
        return queryset.filter(tag_q("request_tags", value))
