"""The toolbox's filters: Italian search, area, kind, language, who it is meant for and a tag.
An unknown value is a form error shown to the person; the other filters still apply."""

import django_filters
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search

from .models import (
    Resource,
    ResourceArea,
    ResourceKind,
    ResourceLanguage,
    ResourceTag,
    ResourceTarget,
)

MAX_QUERY = 200
SPECIAL = ("q",)  # applied by filter_queryset itself, after the others


class ResourceFilter(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    area = django_filters.ChoiceFilter(
        label=_("Area"),
        choices=ResourceArea.choices,
        error_messages={"invalid_choice": _("Unknown area: that filter was ignored.")},
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=ResourceKind.choices,
        error_messages={"invalid_choice": _("Unknown kind: that filter was ignored.")},
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=ResourceLanguage.choices,
        error_messages={"invalid_choice": _("Unknown language: that filter was ignored.")},
    )
    target = django_filters.ChoiceFilter(
        label=_("Meant for"),
        choices=ResourceTarget.choices,
        error_messages={"invalid_choice": _("Unknown choice: that filter was ignored.")},
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        queryset=ResourceTag.objects.all(),
        to_field_name="slug",
        field_name="tags",
        error_messages={"invalid_choice": _("Unknown tag: that filter was ignored.")},
    )

    class Meta:
        model = Resource
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
                fallback=("title", "summary"),
                rank=True,
                trigram_fields=("title",),
                # every resource's vector is kept by services.resource_text_refresh
                unindexed_fallback=False,
            )
        return queryset
