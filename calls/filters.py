"""The catalogue's filters: what visitors, members and staff narrow the list of calls by.

Territories, sectors and beneficiaries are matched with `Exists()`, never with joins, so a call is
listed once and the facets count it once. An unknown value (a sector code that does not exist, a
number of days out of range) is a form error shown to the person; the other filters still apply
(`CallFilter.qs`, from core.forms.LenientFilterSet, never empties the list for one bad value, and
never raises).
"""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopportal.accounts.filters import province_filter, region_filter, sector_filter
from coopportal.core.forms import LenientFilterSet
from coopportal.core.search import search

from .models import Beneficiary, CallDeadline, FunderType, FundingCall

MAX_DAYS = 365
MAX_QUERY = 200

STATUSES = [
    ("", _("Open and forthcoming")),
    ("open", _("Open now")),
    ("forthcoming", _("Forthcoming")),
    ("closed", _("Closed")),
    ("all", pgettext_lazy("calls of every status", "All, closed ones too")),
]
SORTS = [
    ("", _("Best order")),
    ("deadline", _("Closing soonest")),
    ("newest", _("Newest")),
    ("relevance", _("Relevance (with a search)")),
]
# Applied by `filter_queryset` itself, after the others: they depend on one another.
SPECIAL = ("q", "status", "sort")


def region_q(region) -> Q:
    """The calls that concern `region` (a Region, a pk or an OuterRef): the whole of Italy, the
    region itself, or one of its provinces."""
    regions = FundingCall.regions.through.objects.filter(fundingcall=OuterRef("pk"), region=region)
    provinces = FundingCall.provinces.through.objects.filter(
        fundingcall=OuterRef("pk"), province__region=region
    )
    return Q(whole_italy=True) | Exists(regions) | Exists(provinces)


def sector_q(sector) -> Q:
    """The calls for `sector`: those for every sector and those naming it."""
    sectors = FundingCall.sectors.through.objects.filter(fundingcall=OuterRef("pk"), sector=sector)
    return Q(all_sectors=True) | Exists(sectors)


def beneficiary_q(beneficiary) -> Q:
    through = FundingCall.beneficiaries.through.objects.filter(
        fundingcall=OuterRef("pk"), beneficiary=beneficiary
    )
    return Q(Exists(through))


def for_members_q() -> Q:
    """Aid for the members themselves (people, freelancers): a beneficiary marked so."""
    through = FundingCall.beneficiaries.through.objects.filter(
        fundingcall=OuterRef("pk"), beneficiary__for_members=True
    )
    return Q(Exists(through))


def status_q(status: str, now) -> Q | None:
    """The calls of `status` at `now`, by their dates (exact between two beat runs); None: all."""
    not_closed = Q(last_deadline_at__isnull=True) | Q(last_deadline_at__gt=now)
    if status == "all":
        return None
    if status == "open":
        return not_closed & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
    if status == "forthcoming":
        return not_closed & Q(opens_at__gt=now)
    if status == "closed":
        return ~not_closed
    return not_closed  # the default: open and forthcoming


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CallFilter(LenientFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY,
        error_messages={"max_length": _("The search is too long: it was ignored.")},
    )
    funder_type = django_filters.ChoiceFilter(
        label=_("Funder type"),
        choices=FunderType.choices,
        error_messages={"invalid_choice": _("Unknown funder type: that filter was ignored.")},
    )
    sector = sector_filter(method="by_sector")
    region = region_filter(method="by_region")
    province = province_filter(method="by_province")
    beneficiary = django_filters.ModelChoiceFilter(
        label=_("Beneficiary"),
        queryset=Beneficiary.objects.all(),
        to_field_name="code",
        method="by_beneficiary",
        error_messages={"invalid_choice": _("Unknown beneficiary: that filter was ignored.")},
    )
    for_members = django_filters.BooleanFilter(
        label=_("Aid for the members themselves"),
        method="by_for_members",
        widget=forms.CheckboxInput,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUSES[1:],
        empty_label=STATUSES[0][1],
        error_messages={"invalid_choice": _("Unknown status: open and forthcoming calls shown.")},
    )
    days = IntegerFilter(
        label=_("Closing within (days)"),
        method="closing_within",
        min_value=1,
        max_value=MAX_DAYS,
        error_messages={
            "invalid": _("Choose a number of days between 1 and 365: that filter was ignored."),
            "min_value": _("Choose a number of days between 1 and 365: that filter was ignored."),
            "max_value": _("Choose a number of days between 1 and 365: that filter was ignored."),
        },
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=SORTS[1:],
        empty_label=SORTS[0][1],
        error_messages={"invalid_choice": _("Unknown order: the usual one is used.")},
    )

    class Meta:
        model = FundingCall
        fields = []

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    def unfiltered(self, queryset):
        return self._finish(queryset, {})

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in SPECIAL:
                queryset = self.filters[name].filter(queryset, value)
        return self._finish(queryset, data)

    @property
    def any_status(self):
        """The calls every filter but the status selects (what the status facet counts)."""
        self.qs  # noqa: B018 - builds both
        return self._any_status

    def _finish(self, queryset, data):
        """The search, then the status (open and forthcoming unless asked; the calls of every
        status are kept as `any_status`), then the order."""
        text = (data.get("q") or "").strip()
        sort = self.sort_chosen(data)
        if text:
            queryset = search(
                queryset,
                text,
                fallback=("title", "summary", "funder"),
                rank=sort == "relevance",
                trigram_fields=("title",),
                # every call's vector is kept by calls.services (call_text_refresh); the arm for
                # rows without one would make PostgreSQL scan the table instead of the GIN index
                unindexed_fallback=False,
            )
        self._any_status = queryset
        by_status = status_q(data.get("status") or "", self.now)
        if by_status is not None:
            queryset = queryset.filter(by_status)
        if sort == "newest":
            return queryset.order_by("-created_at", "-pk")
        if sort == "deadline":
            return queryset.order_by(F("next_deadline_at").asc(nulls_last=True), "-pk")
        return queryset  # ranked by the search

    @staticmethod
    def sort_chosen(data) -> str:
        """The order in force: the one asked, else relevance with a search and deadline without
        (relevance without a search means nothing: deadline then)."""
        sort = data.get("sort") or ""
        has_text = bool((data.get("q") or "").strip())
        if sort == "relevance" and not has_text:
            return "deadline"
        return sort or ("relevance" if has_text else "deadline")

    def by_sector(self, queryset, name, value):
        return queryset.filter(sector_q(value))

    def by_region(self, queryset, name, value):
        return queryset.filter(region_q(value))

    def by_province(self, queryset, name, value):
        """A province's calls: its own, its region's and the whole of Italy's."""
        provinces = FundingCall.provinces.through.objects.filter(
            fundingcall=OuterRef("pk"), province=value
        )
        regions = FundingCall.regions.through.objects.filter(
            fundingcall=OuterRef("pk"), region_id=value.region_id
        )
        return queryset.filter(Q(whole_italy=True) | Exists(provinces) | Exists(regions))

    def by_beneficiary(self, queryset, name, value):
        return queryset.filter(beneficiary_q(value))

    def by_for_members(self, queryset, name, value):
        return queryset.filter(for_members_q()) if value else queryset

    def closing_within(self, queryset, name, value):
        """A deadline between now and `value` days from now (any of the call's cut-offs)."""
        deadlines = CallDeadline.objects.filter(
            call=OuterRef("pk"),
            closes_at__gt=self.now,
            closes_at__lte=self.now + timedelta(days=value),
        )
        return queryset.filter(Exists(deadlines))
