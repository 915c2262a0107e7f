"""Reads of the matching events: the list (to come and past), one event with what the person
can do there, their registration, the catalogue of the people registered, their requests."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, QueryDict
from django.utils import timezone

from coopportal.accounts.permissions import is_staff_member

from ..filters import RegistrationFilterSet
from ..models import (
    EventSession,
    EventStatus,
    MatchingEvent,
    Meeting,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
    TimeSlot,
)
from ..permissions import can_view_event

PAGE_SIZE = 20
REGISTERED = Q(status=RegistrationStatus.REGISTERED)


def events_visible_to(user):
    events = MatchingEvent.objects.all()
    if not is_staff_member(user):
        events = events.filter(status=EventStatus.PUBLISHED)
    return events


def event_list(*, user, when="upcoming"):
    """The events `user` sees, to come (soonest first) or past (latest first), each with its
    number of registered people and whether `user` is among them."""
    now = timezone.now()
    events = events_visible_to(user).annotate(
        registered_count=Count("registrations", filter=Q(registrations__status="registered"))
    )
    if user.is_authenticated:
        events = events.annotate(
            is_registered=Exists(
                Registration.objects.filter(event=OuterRef("pk"), user=user).filter(REGISTERED)
            )
        )
    if when == "past":
        return events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    return events.filter(ends_at__gt=now).order_by("starts_at", "pk")


def event_access(user, pk) -> MatchingEvent:
    """The event, or a 404 when it is missing or `user` may not see it (a draft)."""
    event = MatchingEvent.objects.filter(pk=pk).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def event_sessions(event):
    """The sessions of `event` with their slots, in time order (two queries)."""
    return list(
        EventSession.objects.filter(event=event)
        .order_by("starts_at", "pk")
        .prefetch_related(Prefetch("slots", queryset=TimeSlot.objects.order_by("starts_at")))
    )


def registration_of(user, event) -> Registration | None:
    """`user`'s registration to `event` (cancelled or not), or None."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def can_see_catalogue(user, registration) -> bool:
    return bool(is_staff_member(user)) or (registration is not None and registration.is_registered)


def registration_counts(event) -> dict:
    return event.registrations.aggregate(registered=Count("pk", filter=REGISTERED))


def catalogue_filterset(*, event, params, exclude=None) -> RegistrationFilterSet:
    """The catalogue's filters over the people registered to `event` (less `exclude`, the
    viewer's own registration), with what a card shows of each."""
    queryset = (
        Registration.objects.filter(event=event)
        .filter(REGISTERED)
        .select_related("sector", "province__region")
        .prefetch_related("offer_tags", "request_tags")
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    if isinstance(params, str):
        params = QueryDict(params)
    return RegistrationFilterSet(params if params else None, queryset=queryset)


def catalogue_page(*, event, params, page, exclude=None):
    filterset = catalogue_filterset(event=event, params=params, exclude=exclude)
    return filterset, Paginator(filterset.qs, PAGE_SIZE).get_page(page)


def request_states(viewer_registration, registration_ids) -> dict:
    """Per registration id: the open request between it and the viewer ("sent", "received",
    "meeting") or a refusal ("declined"), in one query."""
    if viewer_registration is None or not registration_ids:
        return {}
    me = viewer_registration.pk
    rows = MeetingRequest.objects.filter(
        Q(requester_id=me, recipient_id__in=registration_ids)
        | Q(recipient_id=me, requester_id__in=registration_ids)
    ).values("requester_id", "recipient_id", "status")
    states = {}
    for row in rows:
        other = row["recipient_id"] if row["requester_id"] == me else row["requester_id"]
        if row["status"] == RequestStatus.ACCEPTED:
            states[other] = "meeting"
        elif row["status"] == RequestStatus.PENDING:
            states[other] = "sent" if row["requester_id"] == me else "received"
        elif row["status"] == RequestStatus.DECLINED and row["requester_id"] == me:
            states.setdefault(other, "declined")
    return states


def registration_in_event(event, pk) -> Registration:
    """A person registered to `event` (for a request), or a 404."""
    registration = (
        Registration.objects.filter(event=event, pk=pk)
        .filter(REGISTERED)
        .select_related("sector", "province")
        .prefetch_related("offer_tags", "request_tags")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


REQUEST_TABS = ("received", "sent", "meetings", "past")


def _requests_base():
    return MeetingRequest.objects.select_related(
        "requester__sector", "recipient__sector", "requester__province", "recipient__province"
    ).prefetch_related(
        Prefetch(
            "meeting",
            queryset=Meeting.objects.select_related("slot__session", "table"),
        )
    )


def request_list(registration, tab):
    """The requests of `registration` in `tab`: received and sent (waiting), meetings
    (accepted), past (declined, expired, cancelled)."""
    mine = Q(requester=registration) | Q(recipient=registration)
    rows = _requests_base()
    if tab == "received":
        rows = rows.filter(recipient=registration, status=RequestStatus.PENDING)
    elif tab == "sent":
        rows = rows.filter(requester=registration, status=RequestStatus.PENDING)
    elif tab == "meetings":
        rows = rows.filter(mine, status=RequestStatus.ACCEPTED)
    else:
        rows = rows.filter(mine).exclude(status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED])
    return rows.order_by("-created_at", "-pk")


def request_tab_counts(registration) -> dict:
    mine = Q(requester=registration) | Q(recipient=registration)
    return MeetingRequest.objects.filter(mine).aggregate(
        received=Count("pk", filter=Q(recipient=registration, status=RequestStatus.PENDING)),
        sent=Count("pk", filter=Q(requester=registration, status=RequestStatus.PENDING)),
        meetings=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
        past=Count(
            "pk",
            filter=~Q(status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]),
        ),
    )


def request_own(user, pk) -> MeetingRequest:
    """A request `user` takes part in (as requester or recipient), or a 404 — another person's
    request looks the same as a missing one."""
    meeting_request = (
        MeetingRequest.objects.filter(pk=pk)
        .filter(Q(requester__user=user) | Q(recipient__user=user))
        .select_related("event", "requester", "recipient")
        .first()
    )
    if meeting_request is None:
        raise Http404
    return meeting_request


def meeting_own(user, pk) -> Meeting:
    """A meeting `user` takes part in, or a 404."""
    meeting = (
        Meeting.objects.filter(pk=pk)
        .filter(Q(request__requester__user=user) | Q(request__recipient__user=user))
        .select_related("event", "request__requester", "request__recipient", "slot", "table")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting
