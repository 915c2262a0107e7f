"""The catalogue's filters: what visitors, members and staff narrow the list of courses by.

An unknown value (an area that does not exist, a format nobody offers) is a form error shown to
the person; the other filters still apply (`CourseFilter.qs` never empties the list for one bad
value, and never raises).
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.permissions import is_member
from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search

from .models import Audience, Course, CourseFormat, TrainingArea

MAX_QUERY = 200
# Applied by `filter_queryset` itself, after the others.
SPECIAL = ("q",)


def free_q() -> Q:
    return Q(member_price=0, public_price=0)


def has_seats_q() -> Q:
    return Q(capacity__isnull=True) | Q(going_count__lt=F("capacity"))


def open_to_q(user) -> Q:
    """The courses whose audience admits `user`: all of them for a member, the ones open to all
    for everybody else (visitors included)."""
    if is_member(user):
        return Q()
    return Q(audience=Audience.ALL)


class CourseFilter(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        queryset=TrainingArea.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Unknown area: that filter was ignored.")},
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=CourseFormat.choices,
        error_messages={"invalid_choice": _("Unknown format: that filter was ignored.")},
    )
    free = django_filters.BooleanFilter(
        label=_("Free"), method="by_free", widget=forms.CheckboxInput
    )
    open_to_me = django_filters.BooleanFilter(
        label=_("Open to me"), method="by_open_to_me", widget=forms.CheckboxInput
    )
    upcoming = django_filters.BooleanFilter(
        label=_("Not started yet"), method="by_upcoming", widget=forms.CheckboxInput
    )
    has_seats = django_filters.BooleanFilter(
        label=_("With seats left"), method="by_has_seats", widget=forms.CheckboxInput
    )

    class Meta:
        model = Course
        fields = []

    def __init__(self, *args, user=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.now = now or timezone.now()

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
                # every course's vector is kept by training.services.courses.course_text_refresh
                unindexed_fallback=False,
            )
        return queryset

    def by_free(self, queryset, name, value):
        return queryset.filter(free_q()) if value else queryset

    def by_open_to_me(self, queryset, name, value):
        return queryset.filter(open_to_q(self.user)) if value else queryset

    def by_upcoming(self, queryset, name, value):
        return queryset.filter(first_starts_at__gt=self.now) if value else queryset

    def by_has_seats(self, queryset, name, value):
        return queryset.filter(has_seats_q()) if value else queryset
