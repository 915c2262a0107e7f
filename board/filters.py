import django_filters
from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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


CHOICES_CACHE_SECONDS = 600  # a backstop: the key below changes with what the choices show


def options_html(choices) -> str:
    """The <option>s of `choices`, none selected (QuickSelect marks the chosen one)."""
    return format_html_join("", '<option value="{}">{}</option>', choices)


class QuickSelect(forms.Select):
    """A select whose options are written in Python, not one template per option: the same HTML
    as Django's, without the template engine's cost per option (hundreds of groups). Given
    `options`, the <option>s already written (cached with their choices), it only adds the empty
    one and marks the chosen value."""

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        chosen = "" if value is None else str(value)
        if self.options is None:
            options = options_html(self.choices)
        else:
            empty = [(key, label) for key, label in self.choices if key in ("", None)]
            options = options_html(empty) + self.options
        marker = format_html('<option value="{}">', chosen)  # the chosen one, or the empty one
        options = options.replace(marker, marker[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # escaped by options_html, one attribute added
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308  # nosec B308 B703


def _choices_version() -> str:
    """What the group and phase choices depend on (one small query): the latest forwarding (the
    first entry of the partial index wg_forwarded_recent; a forwarding is stamped now, so it
    moves) and the groups' last change (a rename): either gives a new cache key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT max(forwarded_at) FROM workgroups_proposal WHERE status = %s),"
            " (SELECT max(updated_at) FROM workgroups_workinggroup)",
            [Proposal.Status.FORWARDED],
        )
        row = cursor.fetchone()
    # SQLite (the `make run` path) gives raw SQL's datetimes back as text
    moments = (parse_datetime(m) if isinstance(m, str) else m for m in row)
    return ":".join(moment.isoformat() if moment else "" for moment in moments)


def forwarding_summary() -> dict:
    """What the board's dashboard shows of all forwarded recommendations, cached until the next
    forwarding or group change: the groups and phases that have some, as (id, label) choices (the
    filter offers what can match, not every group and phase of the federation), and how many
    there are (the unfiltered list's count, without counting them on every view)."""
    key = f"board:forwarded-summary:{_choices_version()}"
    summary = cache.get(key)
    if summary is None:
        forwarded = Proposal.objects.filter(status=Proposal.Status.FORWARDED)
        groups = WorkingGroup.objects.filter(
            Exists(forwarded.filter(group=OuterRef("pk")))
        ).order_by("name", "pk")
        phases = (
            Phase.objects.filter(Exists(forwarded.filter(phase=OuterRef("pk"))))
            .select_related("group")
            .order_by("group__name", "name", "pk")
        )
        summary = {
            "groups": [(str(group.pk), group.name) for group in groups],
            "phases": [(str(phase.pk), str(phase)) for phase in phases],
            "total": forwarded.count(),
        }
        summary["groups_html"] = str(options_html(summary["groups"]))
        summary["phases_html"] = str(options_html(summary["phases"]))
        cache.set(key, summary, CHOICES_CACHE_SECONDS)
    return summary


def forwarding_choices() -> tuple[list, list]:
    """(groups, phases) that have forwarded recommendations, as (id, label) choices."""
    summary = forwarding_summary()
    return summary["groups"], summary["phases"]


def search_recommendations(queryset, value):
    """Italian search (coopportal.core.search); the list keeps its own order."""
    return search(
        queryset, value, fallback=("title", "summary"), rank=False, trigram_fields=("title",)
    )


class RecommendationFilter(PortalFilterSet):
    """The board's filters: shared by the dashboard, every export and the dossier."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    # only the groups and phases with forwarded recommendations (forwarding_choices), rendered by
    # QuickSelect: the page does not grow with the federation's groups
    group = django_filters.ChoiceFilter(
        label=_("Group"), choices=[], method="by_group", widget=QuickSelect
    )
    phase = django_filters.ChoiceFilter(
        label=_("Phase"), choices=[], method="by_phase", widget=QuickSelect
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

    # The cached summary is read when first needed (the form, the dashboard's count), not when the
    # filterset is made: an unfiltered export never builds the form and makes no query for it.
    @cached_property
    def summary(self) -> dict:
        return forwarding_summary()

    @property
    def forwarded_total(self) -> int:
        return self.summary["total"]  # every forwarded one: the unfiltered count

    def get_form_class(self):
        for name in ("group", "phase"):
            self.filters[name].extra["choices"] = self.summary[f"{name}s"]
            self.filters[name].extra["widget"] = QuickSelect(options=self.summary[f"{name}s_html"])
        return super().get_form_class()

    def by_group(self, queryset, name, value):
        return queryset.filter(group_id=int(value))

    def by_phase(self, queryset, name, value):
        return queryset.filter(phase_id=int(value))

    def search(self, queryset, name, value):
        return search_recommendations(queryset, value)

    def by_state(self, queryset, name, value):
        if value == "waiting":
            return queryset.filter(answer="")
        if value == "answered":
            return queryset.exclude(answer="")
        kind, _sep, choice = value.partition(":")
        if kind == "answer":
            return queryset.filter(answer=choice)
        return queryset.filter(implementation=choice)
