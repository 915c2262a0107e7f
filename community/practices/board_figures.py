"""The showcase's figures for the board and the periodic report (contract in
coopportal.core.figures): the good practices proposed and published in the period, and the
published ones by kind. Aggregate queries only."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.figures import GREEN, Chart, Figure, Period, Ranking, Series, by_month, who

from .models import Practice, PracticeKind

Status = Practice.Status


def active_people(since, until) -> list:
    return [who(Practice, "proposer_id", since, until, when="submitted_at")]


def describe_kinds(n: int) -> str:
    return ngettext(
        "Published good practices of %(n)d kind, the most first.",
        "Published good practices of %(n)d kinds, the most first.",
        n,
    ) % {"n": n}


def figures(period: Period) -> list:
    counts = Practice.objects.aggregate(
        proposed=Count("pk", filter=period.within("submitted_at")),
        published=Count("pk", filter=period.within("published_at") & Q(status=Status.PUBLISHED)),
        in_showcase=Count("pk", filter=Q(status=Status.PUBLISHED)),
    )
    by_kind = dict(
        Practice.objects.filter(status=Status.PUBLISHED)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    kinds = sorted(
        ((label, by_kind[value]) for value, label in PracticeKind.choices if by_kind.get(value)),
        key=lambda row: -row[1],
    )
    proposed = dict(
        by_month(Practice.objects.filter(period.within("submitted_at")), "submitted_at")
    )
    published = dict(
        by_month(
            Practice.objects.filter(period.within("published_at"), status=Status.PUBLISHED),
            "published_at",
        )
    )
    return [
        Figure("community_practices_proposed", _("Good practices proposed"), counts["proposed"]),
        Figure(
            "community_practices_published",
            _("Good practices published"),
            counts["published"],
            note=_("Good practices in the showcase, in all: %(n)s.") % {"n": counts["in_showcase"]},
        ),
        Chart(
            "community_practices_by_month",
            _("Good practices proposed and published by month"),
            [
                Series(_("Proposed"), "#0a58ca", period.series(proposed.items())),
                Series(_("Published"), GREEN, period.series(published.items())),
            ],
            has_legend=True,
        ),
        Ranking(
            "community_practices_by_kind",
            _("Published good practices by kind"),
            [_("Kind"), _("Good practices")],
            [(str(label), n) for label, n in kinds],
            describe_kinds,
            empty=_("No good practice is published yet."),
        ),
    ]
