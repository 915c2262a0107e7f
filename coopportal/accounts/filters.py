"""The filters by place and sector that the apps' lists share (django-filter): a sector by its
ATECO code, a region by its ISTAT code, a province by its sigla. An unknown value is a form error
the page shows ("that filter was ignored"); how a value narrows the list is the app's own (a
`method`, or a `field_name` path to the person's province)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Province, Region, Sector


def sector_filter(**how) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown sector: that filter was ignored.")},
        **how,
    )


def region_filter(**how) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown region: that filter was ignored.")},
        **how,
    )


def province_filter(**how) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Province"),
        queryset=Province.objects.select_related("region"),
        to_field_name="sigla",
        error_messages={"invalid_choice": _("Unknown province: that filter was ignored.")},
        **how,
    )
