"""The toolbox's figures for the board and the periodic report (contract in
coopportal.core.figures): resources published, suggestions received and published, opens, and
the most used resources of the period. Aggregate queries only."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.figures import Figure, Period, Ranking, who

from .models import Resource, ResourceBookmark, ResourceOpenDay, ResourceStatus

TOP = 10


def active_people(since, until) -> list:
    return [
        who(Resource, "suggested_by_id", since, until),
        who(ResourceBookmark, "user_id", since, until),
    ]


def _describe_most_used(count: int) -> str:
    return ngettext(
        "A horizontal bar for the most opened resource.",
        "A horizontal bar for each of the %(counter)s most opened resources, largest first.",
        count,
    ) % {"counter": count}


def _most_used(period: Period) -> Ranking:
    rows = (
        ResourceOpenDay.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("resource__title")
        .annotate(n=Sum("opens"))
        .filter(n__gt=0)
        .order_by("-n", "resource__title")
        .values_list("resource__title", "n")[:TOP]
    )
    return Ranking(
        "toolbox_most_used",
        _("Most used resources of the toolbox"),
        [_("Resource"), _("Opens and downloads")],
        list(rows),
        _describe_most_used,
        _("No resource of the toolbox was opened in this period."),
    )


def figures(period: Period) -> list:
    suggested = Q(suggested_by__isnull=False)
    counts = Resource.objects.aggregate(
        published=Count("pk", filter=Q(status=ResourceStatus.PUBLISHED)),
        received=Count("pk", filter=suggested & period.within("created_at")),
        accepted=Count(
            "pk",
            filter=suggested
            & Q(status__in=[ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED])
            & period.within("published_at"),
        ),
    )
    opens = ResourceOpenDay.objects.filter(day__gte=period.start, day__lte=period.end).aggregate(
        n=Sum("opens")
    )["n"]
    return [
        Figure("toolbox_resources", _("Resources in the toolbox"), counts["published"]),
        Figure(
            "toolbox_suggestions_received",
            _("Resources suggested by members"),
            counts["received"],
        ),
        Figure(
            "toolbox_suggestions_published",
            _("Suggested resources published"),
            counts["accepted"],
            note=_("Published in the period, whenever they were suggested."),
        ),
        Figure("toolbox_opens", _("Toolbox resources opened or downloaded"), opens or 0),
        _most_used(period),
    ]
