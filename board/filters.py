import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFilterSet
from workgroups.models import Phase, Proposal, WorkingGroup

STATES = [
    ("waiting", _("Waiting for an answer")),
    ("answered", _("Answered")),
    *[(f"answer:{value}", label) for value, label in Proposal.Answer.choices],
    *[(f"implementation:{value}", label) for value, label in Proposal.Implementation.choices],
]


class RecommendationFilter(PortalFilterSet):
    """The board's filters: shared by the dashboard, every export and the dossier."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=WorkingGroup.objects.order_by("name")
    )
    phase = django_filters.ModelChoiceFilter(
        label=_("Phase"), queryset=Phase.objects.select_related("group").order_by("group__name")
    )
    state = django_filters.ChoiceFilter(label=_("Status"), choices=STATES, method="by_state")
    forwarded_after = django_filters.DateFilter(
        label=_("Forwarded from"),
        field_name="forwarded_at",
        lookup_expr="date__gte",
        validators=[validate_not_too_far],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    forwarded_before = django_filters.DateFilter(
        label=_("Forwarded until"),
        field_name="forwarded_at",
        lookup_expr="date__lte",
        validators=[validate_not_too_far],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Proposal
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matches = Q(title__icontains=value) | Q(summary__icontains=value)
        if connection.vendor == "postgresql":
            matches |= Q(
                search_vector=SearchQuery(value, search_type="websearch", config="italian")
            )
        return queryset.filter(matches)

    def by_state(self, queryset, name, value):
        if value == "waiting":
            return queryset.filter(answer="")
        if value == "answered":
            return queryset.exclude(answer="")
        kind, _sep, choice = value.partition(":")
        if kind == "answer":
            return queryset.filter(answer=choice)
        return queryset.filter(implementation=choice)
