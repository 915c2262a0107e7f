"""The filters of the showcase: the Italian full-text search, the kind of practice, the region,
the sector, the year and the working group, funding call or course a case links to.

An unknown value (a region that does not exist, a tampered id) is a form error shown to the
person; the other filters still apply (`LenientFilterSet`), and nothing raises.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Region, Sector
from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search

from .models import FIRST_YEAR, Practice, PracticeKind
from .services import linkable_calls, linkable_courses, linkable_groups

MAX_QUERY = 200
SPECIAL = ("q",)


class PracticeFilter(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=PracticeKind.choices,
        error_messages={"invalid_choice": _("Unknown kind: that filter was ignored.")},
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown region: that filter was ignored.")},
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown sector: that filter was ignored.")},
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=2100,
        decimal_places=0,
        error_messages={
            "invalid": _("Unknown year: that filter was ignored."),
            "min_value": _("Unknown year: that filter was ignored."),
            "max_value": _("Unknown year: that filter was ignored."),
            "max_decimal_places": _("Unknown year: that filter was ignored."),
            "max_digits": _("Unknown year: that filter was ignored."),
        },
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Working group"),
        field_name="groups",
        queryset=linkable_groups(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Unknown working group: that filter was ignored.")},
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Funding call"),
        field_name="calls",
        queryset=linkable_calls(),
        error_messages={"invalid_choice": _("Unknown funding call: that filter was ignored.")},
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        field_name="courses",
        queryset=linkable_courses(),
        error_messages={"invalid_choice": _("Unknown course: that filter was ignored.")},
    )

    class Meta:
        model = Practice
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in SPECIAL:
                queryset = self.filters[name].filter(queryset, value)
        text = (data.get("q") or "").strip()
        if text:
            queryset = search(
                queryset,
                text,
                fallback=("title", "summary", "organisation"),
                rank=True,
                trigram_fields=("title",),
                # every case's vector is kept by community.practices.services
                unindexed_fallback=False,
            )
        return queryset
