"""Member matching's figures the board shows and the periodic report lists (found by
coopportal.core.discovery; contract in coopportal.core.figures): the profiles members keep and how
complete they are, the contact requests sent and accepted, and the requests by month. Aggregate
queries only."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import GREEN, Chart, Figure, Period, Series, by_month, who

from .models import ContactRequest, Profile
from .models.profiles import LISTED

Status = ContactRequest.Status


def active_people(since, until) -> list:
    return [who(ContactRequest, "sender_id", since, until)]


def _percent(part, whole) -> int:
    return round(100 * (part or 0) / whole) if whole else 0


def _requests_by_month(period: Period) -> list[Series]:
    """The requests sent each month, stacked (the board adds the series up): those accepted and
    the others, so that a bar and its total are the requests sent."""
    sent = ContactRequest.objects.filter(period.within("created_at"))
    accepted: dict = {}
    others: dict = {}
    for month, status, n in by_month(sent, "created_at", extra=("status",)):
        kept = accepted if status == Status.ACCEPTED else others
        kept[month] = kept.get(month, 0) + n
    return [
        Series(_("Accepted"), GREEN, period.series(accepted.items())),
        Series(_("Not accepted"), "#0a58ca", period.series(others.items())),
    ]


def figures(period: Period) -> list:
    profiles = Profile.objects.aggregate(
        listed=Count("pk", filter=LISTED),
        complete=Count("pk", filter=LISTED & Q(completeness__gte=80)),
        average=Avg("completeness", filter=LISTED),
    )
    requests = ContactRequest.objects.filter(period.within("created_at")).aggregate(
        sent=Count("pk"), accepted=Count("pk", filter=Q(status=Status.ACCEPTED))
    )
    return [
        Figure("matching_profiles", _("Member profiles in the directory"), profiles["listed"]),
        Figure(
            "matching_profile_completeness",
            _("Average completeness of the profiles (%)"),
            round(profiles["average"] or 0),
            note=_("Profiles at least 80%% complete: %(n)s.") % {"n": profiles["complete"]},
        ),
        Figure("matching_requests_sent", _("Contact requests sent"), requests["sent"]),
        Figure(
            "matching_requests_accepted",
            _("Contact requests accepted (%)"),
            _percent(requests["accepted"], requests["sent"]),
            note=_("Accepted: the requests of the period accepted so far."),
        ),
        Chart(
            "matching_requests_by_month",
            _("Contact requests between members by month"),
            _requests_by_month(period),
            has_legend=True,
        ),
    ]
