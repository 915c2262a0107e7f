"""The matching events' part of a person's dashboard and what waits for them there: the events
to come they are registered to, each with the requests waiting for their answer, and the
meetings whose time they are to choose. A constant number of queries."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopportal.core.waiting import YOU, Waiting, counts, shared

from .models import (
    Meeting,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
    SlotChoice,
)

SHOWN = 5


def _registration_ids(user) -> list[int]:
    """The ids of `user`'s registrations (a few), read once per dashboard page."""
    return shared(
        user,
        "events:registration_ids",
        lambda: list(Registration.objects.filter(user=user).values_list("pk", flat=True)),
    )


def _to_pick(user):
    """The meetings to come, not placed, whose time `user` chooses. From the person's own
    registration ids, so that the requests are found through their indexes: a join on the
    registrations' user read every meeting of every event."""
    mine = _registration_ids(user)
    requests = MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).filter(
        Q(event__slot_choice=SlotChoice.REQUESTER, requester_id__in=mine)
        | Q(event__slot_choice=SlotChoice.RECIPIENT, recipient_id__in=mine)
    )
    return Meeting.objects.filter(
        cancelled_at__isnull=True,
        slot__isnull=True,
        event__ends_at__gt=timezone.now(),
        request__in=requests.values("pk"),
    )


def _registrations(user):
    return Registration.objects.filter(
        user=user, status=RegistrationStatus.REGISTERED, event__ends_at__gt=timezone.now()
    )


def panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    pending = Q(
        requests_received__status=RequestStatus.PENDING,
        requests_received__event__registration_deadline__gt=timezone.now(),
    )
    rows = list(
        _registrations(user)
        .select_related("event")
        .annotate(
            waiting=Count("requests_received", filter=pending),
            to_pick=Exists(_to_pick(user).filter(event=OuterRef("event"))),
        )
        .order_by("event__starts_at", "pk")[:SHOWN]
    )
    if not rows:
        return None
    return {"template": "community/events/partials/_dashboard_panel.html", "registrations": rows}


def waiting(user) -> list[Waiting]:
    if not user.is_authenticated:
        return []
    received = MeetingRequest.objects.filter(
        recipient__user=user,
        recipient__status=RegistrationStatus.REGISTERED,
        status=RequestStatus.PENDING,
        event__registration_deadline__gt=timezone.now(),
    )
    picks = _to_pick(user)
    found = counts(received=received, picks=picks)  # one query
    count, pick_count = found["received"], found["picks"]
    items = []
    if count:
        first = received.order_by("created_at").values_list("event_id", flat=True).first()
        url = f"{reverse('community:event_requests', args=[first])}?tab=received"
        label = ngettext(
            "%(count)s meeting request waiting for your answer",
            "%(count)s meeting requests waiting for your answer",
            count,
        ) % {"count": count}
        items.append(Waiting(YOU, label, count, url))
    if pick_count:
        first = picks.order_by("event__starts_at").values_list("event_id", flat=True).first()
        url = f"{reverse('community:event_requests', args=[first])}?tab=meetings"
        label = ngettext(
            "%(count)s meeting whose time you choose",
            "%(count)s meetings whose time you choose",
            pick_count,
        ) % {"count": pick_count}
        items.append(Waiting(YOU, label, pick_count, url))
    return items
