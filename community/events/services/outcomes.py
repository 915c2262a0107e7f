"""After a matching event: each side says whether its meeting took place and what came of it,
right after the event and six months later; and the beat jobs that remind people the day before
and ask them afterwards.

Held or not: each side marks its own (`side_mark`). A meeting counts as held when a side says so
and neither says it was not; as a no-show when one side says it was not held (the other did not
come), even if the other says it was (selectors/agenda.py counts them).

"Once" (a reminder per person, a question per side and stage) is kept in the audit log: the beat
jobs write `community.registration.reminded` and `community.meeting_side.feedback_asked` (with
the stage) for what they sent, and select only what has none, under the event's row lock.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.notifications.services import notify

from ..models import (
    EventStatus,
    FeedbackOutcome,
    FeedbackStage,
    MatchingEvent,
    MeetingFeedback,
    MeetingSide,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from ..notifications_agenda import AGENDA_REMINDER, FEEDBACK_AFTER, FEEDBACK_SIX_MONTHS
from ..permissions_agenda import can_mark_side

REMINDED = "community.registration.reminded"
ASKED = "community.meeting_side.feedback_asked"
REMIND_BEFORE = timedelta(hours=24)
SIX_MONTHS = timedelta(days=182)
ASK_WITHIN = timedelta(days=14)  # a job that was down asks late, but not forever


def side_meeting_started(side, now=None) -> bool:
    meeting = side.meeting
    now = now or timezone.now()
    return (
        meeting.cancelled_at is None
        and meeting.slot_id is not None
        and meeting.slot.starts_at <= now
    )


def stage_open(side, now=None) -> str:
    """The feedback stage a side answers now: after the meeting "after"; from six months after
    the event's end "six_months"; "" before the meeting."""
    now = now or timezone.now()
    if not side_meeting_started(side, now):
        return ""
    if now >= side.meeting.event.ends_at + SIX_MONTHS:
        return FeedbackStage.SIX_MONTHS
    return FeedbackStage.AFTER


def _locked_side(side, by):
    if not can_mark_side(by, side):
        raise DomainError(_("This is not your meeting."), code="forbidden")
    locked = (
        MeetingSide.objects.select_for_update(of=("self",))
        .select_related("meeting__slot", "meeting__event", "registration")
        .get(pk=side.pk)
    )
    if not side_meeting_started(locked):
        raise DomainError(_("The meeting has not started yet."), code="too_early")
    return locked


def outcome_record(*, side, held: bool, outcome: str = "", comment: str = "", by) -> MeetingSide:
    """`by`'s side of a meeting says whether it took place and, if it did, what came of it
    (at the stage open now). Saying it again replaces what was said."""
    if held and outcome not in FeedbackOutcome.values:
        raise DomainError(_("Choose what came of the meeting."), code="outcome")
    with transaction.atomic():
        side = _locked_side(side, by)
        now = timezone.now()
        side.held, side.marked_at = bool(held), now
        side.save(update_fields=["held", "marked_at"])
        stage = stage_open(side, now)
        if held:
            MeetingFeedback.objects.update_or_create(
                side=side, stage=stage, defaults={"outcome": outcome, "comment": comment.strip()}
            )
        else:
            MeetingFeedback.objects.filter(side=side).delete()
        log_action(
            target=side,
            action="community.meeting_side.marked",
            by=by,
            held=bool(held),
            stage=str(stage),
            outcome=outcome if held else "",
        )
    return side


# -- the beat jobs' work ------------------------------------------------------------------------


def _marked(model, action, **data):
    """An Exists() on the audit events `action` of the outer row (with these details)."""
    return Exists(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=Cast(OuterRef("pk"), CharField()),
            action=action,
            **{f"data__{key}": value for key, value in data.items()},
        )
    )


def _placed_sides():
    return MeetingSide.objects.filter(
        slot__isnull=False,
        meeting__cancelled_at__isnull=True,
        meeting__request__status=RequestStatus.ACCEPTED,
        registration__status=RegistrationStatus.REGISTERED,
    )


def registrations_to_remind(event, now=None):
    """The people registered at `event` with a placed meeting, not reminded yet."""
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .filter(Exists(_placed_sides().filter(registration=OuterRef("pk"))))
        .exclude(_marked(Registration, REMINDED))
    )


def events_to_remind(now=None):
    """Published events starting within a day, with somebody to remind."""
    now = now or timezone.now()
    events = MatchingEvent.objects.filter(
        status=EventStatus.PUBLISHED, starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE
    )
    waiting = (
        Registration.objects.filter(event=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
        .filter(Exists(_placed_sides().filter(registration=OuterRef("pk"))))
        .exclude(_marked(Registration, REMINDED))
    )
    return events.filter(Exists(waiting)).order_by("starts_at", "pk")


def reminders_send(*, event_id: int, now=None) -> int:
    """Remind each person of the event with placed meetings, once; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        event = MatchingEvent.objects.select_for_update(of=("self",)).filter(pk=event_id).first()
        if event is None or event.status != EventStatus.PUBLISHED or event.starts_at <= now:
            return 0
        when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
        url = reverse("community:event_agenda", args=[event.pk])
        sent = 0
        for registration in registrations_to_remind(event).order_by("pk"):
            count = _placed_sides().filter(registration=registration).count()
            notify(
                AGENDA_REMINDER.name,
                [registration.user_id],
                target=event,
                context={"event": event.title, "when": when, "count": count},
                url=url,
            )
            log_action(target=registration, action=REMINDED, count=count)
            sent += 1
    return sent


def sides_to_ask(event, stage):
    sides = _placed_sides().filter(meeting__event=event)
    if stage == FeedbackStage.SIX_MONTHS:
        sides = sides.exclude(held=False)
    return sides.exclude(_marked(MeetingSide, ASKED, stage=str(stage)))


def _ask_window(stage, now):
    start = now - (SIX_MONTHS if stage == FeedbackStage.SIX_MONTHS else timedelta(0))
    return start - ASK_WITHIN, start


def events_to_ask(stage, now=None):
    """Events that ended (six months ago, for that stage) and have sides not asked yet."""
    now = now or timezone.now()
    since, until = _ask_window(stage, now)
    events = MatchingEvent.objects.filter(
        status=EventStatus.PUBLISHED, ends_at__gt=since, ends_at__lte=until
    )
    waiting = _placed_sides().filter(meeting__event=OuterRef("pk"))
    if stage == FeedbackStage.SIX_MONTHS:
        waiting = waiting.exclude(held=False)
    waiting = waiting.exclude(_marked(MeetingSide, ASKED, stage=str(stage)))
    return events.filter(Exists(waiting)).order_by("ends_at", "pk")


def feedback_ask(*, event_id: int, stage: str, now=None) -> int:
    """Ask each side of the event's meetings, once for `stage`; returns how many were asked."""
    now = now or timezone.now()
    kind = FEEDBACK_SIX_MONTHS if stage == FeedbackStage.SIX_MONTHS else FEEDBACK_AFTER
    since, until = _ask_window(stage, now)
    with transaction.atomic():
        event = MatchingEvent.objects.select_for_update(of=("self",)).filter(pk=event_id).first()
        if event is None or not (since < event.ends_at <= until):
            return 0
        sides = sides_to_ask(event, stage).select_related(
            "registration", "meeting__request__requester", "meeting__request__recipient"
        )
        asked = 0
        for side in sides.order_by("pk"):
            request = side.meeting.request
            other = (
                request.recipient
                if request.requester_id == side.registration_id
                else request.requester
            )
            notify(
                kind.name,
                [side.registration.user_id],
                target=event,
                context={"event": event.title, "person": str(other)},
                url=reverse("community:event_meeting_outcome", args=[event.pk, side.meeting_id]),
            )
            log_action(target=side, action=ASKED, stage=str(stage))
            asked += 1
    return asked
