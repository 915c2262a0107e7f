"""Registrations to an event and the cooperation profile people show there.

Members register to a published event before its registration deadline, participants who are not
(yet) members only where staff opened the event to them. The profile is prefilled from the
person's member profile (matching: kind, enterprise name, presentation, offers and needs with
their tags, first sector, province) and is the event's own afterwards: editing it changes nothing
in the directory. A cancelled registration ends the person's requests and meetings at the event
and may be renewed before the deadline.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.search import vector_refresh
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify
from matching.models import Profile, ProfileKind
from matching.services.profiles import MAX_TAGS, tags_ensure

from .. import notifications_catalogue as kinds
from ..exceptions import EventError
from ..models import (
    MatchingEvent,
    Meeting,
    MeetingRequest,
    MeetingSide,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from ..permissions import may_take_part
from ..workflows import REGISTRATION, REQUEST

CLOSED = gettext_lazy("Registration to this event is closed.")
NOT_FOR_YOU = gettext_lazy(
    "This event is open to the members of the cooperative only: become a member to take part."
)


def _check_open(user, event):
    if not event.is_published:
        raise EventError(_("This event is not open for registration."), code="closed")
    if not may_take_part(user, event):
        raise EventError(NOT_FOR_YOU, code="forbidden")
    if timezone.now() >= event.registration_deadline:
        raise EventError(CLOSED, code="closed")


def display_name_for(registration, user=None) -> str:
    user = user or registration.user
    if registration.kind == ProfileKind.ENTERPRISE and registration.organisation_name.strip():
        return registration.organisation_name.strip()
    return user.display_name


def registration_refresh(registration) -> Registration:
    """Store the name shown, the tags' text and the search vector of `registration`."""
    names = [tag.name for tag in registration.offer_tags.all()]
    names += [tag.name for tag in registration.request_tags.all()]
    registration.display_name = display_name_for(registration)[:200]
    registration.tags_text = " ".join(names)
    registration.save(update_fields=["display_name", "tags_text", "updated_at"])
    vector_refresh(Registration.objects.filter(pk=registration.pk), Registration.SEARCH_VECTOR)
    return registration


def _prefill(registration, user):
    """The member profile's fields and tags, copied into a new registration."""
    profile = Profile.objects.filter(user=user).prefetch_related("offers", "needs").first()
    registration.province_id = user.province_id
    registration.sector = user.sectors.order_by("code").first()
    if profile is None:
        return [], []
    registration.kind = profile.kind
    registration.organisation_name = profile.organisation_name
    registration.presentation = profile.presentation
    registration.offers_text = profile.offers_text
    registration.requests_text = profile.needs_text
    return list(profile.offers.all()), list(profile.needs.all())


@transaction.atomic
def registration_create(*, event, by) -> Registration:
    """`by` registers to `event` (or renews their cancelled registration)."""
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    _check_open(by, event)
    existing = Registration.objects.filter(event=event, user=by).first()
    if existing is not None:
        if existing.is_registered:
            raise EventError(_("You are already registered to this event."), code="already")
        return transition(REGISTRATION, existing, RegistrationStatus.REGISTERED, by=by)
    registration = Registration(event=event, user=by)
    offers, needs = _prefill(registration, by)
    registration.display_name = display_name_for(registration, by)[:200]
    registration.save()
    registration.offer_tags.set(offers)
    registration.request_tags.set(needs)
    registration_refresh(registration)
    from coopportal.core.audit import log_action

    log_action(target=registration, action="community.registration.created", by=by)
    return registration


def _check_editable(registration, by):
    if registration.user_id != getattr(by, "pk", None):
        raise EventError(_("This is not your registration."), code="forbidden")
    if not registration.is_registered:
        raise EventError(_("Your registration is cancelled."), code="cancelled")
    if timezone.now() >= registration.event.registration_deadline:
        raise EventError(
            _("The registration deadline has passed: the profile can no longer be changed."),
            code="closed",
        )


@transaction.atomic
def registration_update(
    *,
    registration,
    by,
    kind,
    organisation_name="",
    presentation="",
    offers_text="",
    requests_text="",
    offer_tags=(),
    request_tags=(),
    sector=None,
    province=None,
    available_slots=(),
) -> Registration:
    """The person's cooperation profile at the event and the slots they are available at (none:
    all of them). A slot where one of their meetings is already placed cannot be left out."""
    registration = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    _check_editable(registration, by)
    if kind == ProfileKind.ENTERPRISE and not (organisation_name or "").strip():
        raise EventError(
            _("Write the name of the enterprise you take part for."), code="organisation_name"
        )
    if len(offer_tags) > MAX_TAGS or len(request_tags) > MAX_TAGS:
        raise EventError(_("At most %(max)d tags.") % {"max": MAX_TAGS}, code="offer_tags")
    slots = list(available_slots)
    if any(slot.session.event_id != registration.event_id for slot in slots):
        raise EventError(_("Choose among the times of this event."), code="available_slots")
    if slots:
        placed = MeetingSide.objects.filter(registration=registration, slot__isnull=False).exclude(
            slot__in=slots
        )
        if placed.exists():
            raise EventError(
                _("You have a meeting at a time you left out: keep it among your times."),
                code="available_slots",
            )
    registration.kind = kind
    registration.organisation_name = (organisation_name or "").strip()
    registration.presentation = (presentation or "").strip()
    registration.offers_text = (offers_text or "").strip()
    registration.requests_text = (requests_text or "").strip()
    registration.sector = sector
    registration.province = province
    registration.save(
        update_fields=[
            "kind",
            "organisation_name",
            "presentation",
            "offers_text",
            "requests_text",
            "sector",
            "province",
            "updated_at",
        ]
    )
    registration.offer_tags.set(tags_ensure(offer_tags))
    registration.request_tags.set(tags_ensure(request_tags))
    registration.available_slots.set(slots)
    return registration_refresh(registration)


def meeting_cancel(meeting, *, now=None):
    """`meeting` no longer takes place: its slot, table and sides' slots are freed."""
    now = now or timezone.now()
    MeetingSide.objects.filter(meeting=meeting).update(slot=None)
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=None, table=None, cancelled_at=now, updated_at=now
    )


@transaction.atomic
def registration_cancel(*, registration, by) -> Registration:
    """`by` (the person, or staff) cancels the registration before the event starts: the requests
    waiting and the meetings agreed with the others at the event end."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.event.starts_at <= timezone.now():
        raise EventError(
            _("The event has started: the registration can no longer be cancelled."),
            code="started",
        )
    registration = transition(REGISTRATION, registration, RegistrationStatus.CANCELLED, by=by)
    open_requests = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(recipient=registration),
        status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
    ).select_related("requester", "recipient")
    told = []
    for meeting_request in open_requests:
        other = (
            meeting_request.recipient
            if meeting_request.requester_id == registration.pk
            else meeting_request.requester
        )
        told.append(other.user_id)
        transition(
            REQUEST, meeting_request, RequestStatus.CANCELLED, by=by,
            audit={"cause": "registration_cancelled"},
        )  # fmt: skip
        meeting = Meeting.objects.filter(request=meeting_request).first()
        if meeting is not None:
            meeting_cancel(meeting)
    if told:
        event = registration.event
        notify(
            kinds.REQUEST_CANCELLED.name,
            told,
            target=event,
            url=f"{reverse('community:event_requests', args=[event.pk])}?tab=past",
            actor=by,
            context={"person": registration.display_name, "event": event.title},
        )
    return registration
