import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFilterSet
from coopportal.core.search import search
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
        """Italian search (coopportal.core.search); the list keeps its own order."""
        return search(
            queryset, value, fallback=("title", "summary"), rank=False, trigram_fields=("title",)
        )

    def by_state(self, queryset, name, value):
        if value == "waiting":
            return queryset.filter(answer="")
        if value == "answered":
            return queryset.exclude(answer="")
        kind, _sep, choice = value.partition(":")
        if kind == "answer":
            return queryset.filter(answer=choice)
        return queryset.filter(implementation=choice)
