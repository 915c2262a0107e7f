"""Meeting requests between the people registered to an event, moved by the REQUEST workflow
(community/events/workflows.py) through `coopportal.core.workflow.transition()`.

A registered person asks another for a meeting, with a short message: not themselves, not twice
(one open request per pair, whoever asked, and not again after a refusal), not beyond the event's
`max_meetings_per_person` for either of the two (requests waiting and accepted count), not after
the registration deadline; the two registrations are locked in id order while this is checked, so
parallel requests cannot pass the limits. The recipient accepts (the request becomes a `Meeting`
with its two sides, placed afterwards by whoever the event says) or declines; the requester may
withdraw a request waiting. At the deadline the unanswered ones expire (the beat job
`community.events_expire_requests`); each step tells the other person.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications_catalogue as kinds
from ..exceptions import EventError
from ..models import (
    OPEN_REQUEST_STATUSES,
    Meeting,
    MeetingRequest,
    MeetingSide,
    Registration,
    RequestStatus,
    SlotChoice,
)
from ..workflows import REQUEST

MESSAGE_LIMIT = 1000
EXPIRE_BATCH = 500

DEADLINE_PASSED = gettext_lazy(
    "The registration deadline has passed: meeting requests can no longer be sent or answered."
)

NOT_OPEN = gettext_lazy("This event is not open: meeting requests cannot be sent or answered.")


def _requests_url(event, tab="received"):
    return f"{reverse('community:event_requests', args=[event.pk])}?tab={tab}"


def open_count(registration_id) -> int:
    """The requests waiting and accepted that `registration_id` takes part in."""
    return MeetingRequest.objects.filter(
        Q(requester_id=registration_id) | Q(recipient_id=registration_id),
        status__in=OPEN_REQUEST_STATUSES,
    ).count()


def open_counts(registration_ids) -> dict:
    """open_count() of each registration, in two grouped queries."""
    counts = dict.fromkeys(registration_ids, 0)
    for side in ("requester_id", "recipient_id"):
        rows = (
            MeetingRequest.objects.filter(
                **{f"{side}__in": registration_ids}, status__in=OPEN_REQUEST_STATUSES
            )
            .values(side)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            counts[row[side]] += row["n"]
    return counts


def _lock(*registrations):
    ids = sorted({registration.pk for registration in registrations})
    return {
        row.pk: row
        for row in Registration.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("event", "user")
        .order_by("pk")
    }


@transaction.atomic
def request_send(*, requester, recipient, message="", by) -> MeetingRequest:
    """`by` (registered as `requester`) asks `recipient` (registered to the same event) for a
    meeting."""
    if requester.user_id != by.pk:
        raise EventError(_("Register to the event first."), code="forbidden")
    if requester.event_id != recipient.event_id:
        raise EventError(_("This person is not registered to the event."), code="missing")
    if requester.pk == recipient.pk:
        raise EventError(_("You cannot ask yourself for a meeting."), code="self")
    message = (message or "").strip()
    if len(message) > MESSAGE_LIMIT:
        raise EventError(
            _("Please keep the message under %(limit)d characters.") % {"limit": MESSAGE_LIMIT},
            code="message",
        )
    locked = _lock(requester, recipient)
    requester, recipient = locked[requester.pk], locked[recipient.pk]
    event = requester.event
    if not requester.is_registered:
        raise EventError(_("Your registration is cancelled."), code="forbidden")
    if not recipient.is_registered:
        raise EventError(_("This person is not registered to the event."), code="missing")
    if not event.registration_open:
        raise EventError(DEADLINE_PASSED if event.is_published else NOT_OPEN, code="closed")
    between = MeetingRequest.objects.filter(
        Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester)
    )
    existing = between.filter(status__in=OPEN_REQUEST_STATUSES).first()
    if existing is not None:
        if existing.status == RequestStatus.ACCEPTED:
            raise EventError(_("You already have a meeting with this person."), code="already")
        if existing.requester_id == requester.pk:
            raise EventError(
                _("Your request to this person is already waiting for an answer."), code="already"
            )
        raise EventError(
            _("This person already asked you for a meeting: answer their request."),
            code="already",
        )
    if between.filter(requester=requester, status=RequestStatus.DECLINED).exists():
        raise EventError(_("This person declined your request."), code="declined")
    limit = event.max_meetings_per_person
    counts = open_counts([requester.pk, recipient.pk])
    if counts[requester.pk] >= limit:
        raise EventError(
            _(
                "You have reached the most meetings of this event (%(limit)d, requests waiting "
                "included): withdraw a request to send another."
            )
            % {"limit": limit},
            code="limit",
        )
    if counts[recipient.pk] >= limit:
        raise EventError(
            _("This person's agenda is full: they cannot take more meeting requests."),
            code="limit",
        )
    try:
        with transaction.atomic():
            meeting_request = MeetingRequest.objects.create(
                event=event, requester=requester, recipient=recipient, message=message
            )
    except IntegrityError:
        raise EventError(
            _("Your request to this person is already waiting for an answer."), code="already"
        ) from None
    notify(
        kinds.REQUEST_RECEIVED.name,
        [recipient.user_id],
        target=meeting_request,
        url=_requests_url(event),
        actor=by,
        context={
            "person": requester.display_name,
            "event": event.title,
            "message": message[:200],
        },
    )
    return meeting_request


def _next_step(event) -> str:
    if event.slot_choice == SlotChoice.REQUESTER:
        return _("Choose the time of the meeting.")
    if event.slot_choice == SlotChoice.RECIPIENT:
        return _("They will choose the time of the meeting.")
    return _("The organisers will place it in the agenda.")


def _check_answerable(meeting_request):
    event = meeting_request.event
    if meeting_request.status == RequestStatus.PENDING and not event.registration_open:
        raise EventError(DEADLINE_PASSED if event.is_published else NOT_OPEN, code="closed")


@transaction.atomic
def request_accept(*, meeting_request, by) -> Meeting:
    """The recipient accepts: the request becomes a meeting, with its two sides, not placed yet."""
    meeting_request = MeetingRequest.objects.select_related("event").get(pk=meeting_request.pk)
    _check_answerable(meeting_request)
    meeting_request = transition(REQUEST, meeting_request, RequestStatus.ACCEPTED, by=by)
    meeting_request = MeetingRequest.objects.select_related("event", "requester", "recipient").get(
        pk=meeting_request.pk
    )
    meeting = Meeting.objects.create(request=meeting_request, event=meeting_request.event)
    MeetingSide.objects.bulk_create(
        [
            MeetingSide(meeting=meeting, registration_id=meeting_request.requester_id),
            MeetingSide(meeting=meeting, registration_id=meeting_request.recipient_id),
        ]
    )
    event = meeting_request.event
    notify(
        kinds.REQUEST_ACCEPTED.name,
        [meeting_request.requester.user_id],
        target=meeting_request,
        url=_requests_url(event, "meetings"),
        actor=by,
        context={
            "person": meeting_request.recipient.display_name,
            "event": event.title,
            "next": _next_step(event),
        },
    )
    return meeting


@transaction.atomic
def request_decline(*, meeting_request, by) -> MeetingRequest:
    meeting_request = MeetingRequest.objects.select_related("event").get(pk=meeting_request.pk)
    _check_answerable(meeting_request)
    meeting_request = transition(REQUEST, meeting_request, RequestStatus.DECLINED, by=by)
    meeting_request = MeetingRequest.objects.select_related("event", "requester", "recipient").get(
        pk=meeting_request.pk
    )
    notify(
        kinds.REQUEST_DECLINED.name,
        [meeting_request.requester.user_id],
        target=meeting_request,
        url=_requests_url(meeting_request.event, "sent"),
        actor=by,
        context={
            "person": meeting_request.recipient.display_name,
            "event": meeting_request.event.title,
        },
    )
    return meeting_request


@transaction.atomic
def request_withdraw(*, meeting_request, by) -> MeetingRequest:
    """The requester withdraws a request still waiting (an accepted one ends only with a
    registration)."""
    if meeting_request.status != RequestStatus.PENDING:
        raise EventError(_("Only a request waiting for an answer can be withdrawn."), code="state")
    meeting_request = MeetingRequest.objects.select_related("requester").get(pk=meeting_request.pk)
    if meeting_request.requester.user_id != by.pk:
        raise EventError(_("You are not allowed to do this."), code="forbidden")
    return transition(REQUEST, meeting_request, RequestStatus.CANCELLED, by=by)


def requests_expire(now=None) -> int:
    """Requests still waiting at their event's registration deadline expire (a system move), in
    batches, each in its own transaction; rows being answered right now are left to the next
    run; each requester is told. Returns how many expired (0 on a second run)."""
    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                MeetingRequest.objects.filter(
                    status=RequestStatus.PENDING, event__registration_deadline__lte=now
                )
                .order_by("pk")
                .select_for_update(of=("self",), skip_locked=True)[:EXPIRE_BATCH]
            )
            expired = [transition(REQUEST, row, RequestStatus.EXPIRED, by=None) for row in batch]
            rows = MeetingRequest.objects.filter(pk__in=[row.pk for row in expired]).select_related(
                "event", "requester", "recipient"
            )
            for row in rows:
                notify(
                    kinds.REQUEST_EXPIRED.name,
                    [row.requester.user_id],
                    target=row,
                    url=_requests_url(row.event, "sent"),
                    context={"person": row.recipient.display_name, "event": row.event.title},
                )
        done += len(batch)
        if len(batch) < EXPIRE_BATCH:
            return done
