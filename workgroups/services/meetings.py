"""Meetings: scheduled by coordinators, or proposed by members and approved by staff.

One explicit state machine, MEETING (workflows/meetings.py; its table is in models/meetings.py):
proposed → published | rejected | cancelled; published → cancelled. The answers, seats and
waiting list are in services/seats.py (the capacity engine); minutes and outcomes after the
meeting; a reminder the day before (workgroups.tasks).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.dates import TOO_FAR_MESSAGE, format_date, is_too_far
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import AgendaItem, GroupMembership, Meeting, MeetingRSVP
from ..workflows.meetings import MEETING

Status = Meeting.Status
Answer = MeetingRSVP.Answer

MAX_AGENDA_ITEMS = 30
MAX_AGENDA_ITEM_LENGTH = 300


def when(meeting) -> str:
    return format_date(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


def group_members(group):
    return get_user_model().objects.filter(
        group_memberships__group=group,
        group_memberships__status=GroupMembership.Status.ACTIVE,
    )


def people_going(meeting, *, also=()):
    """The people going (and those with an answer in `also`, e.g. the waiting list)."""
    return get_user_model().objects.filter(
        meeting_rsvps__meeting=meeting, meeting_rsvps__answer__in=[Answer.GOING, *also]
    )


def agenda_lines(text: str) -> list[str]:
    """One agenda item per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def check_meeting_data(*, starts_at, ends_at, place="", online_url="", capacity=None, agenda=""):
    """The rules a meeting's data must follow; each error's code names the form field concerned."""
    if starts_at is None or starts_at <= timezone.now():
        raise WorkgroupError(_("The meeting must start in the future."), code="starts_at")
    if is_too_far(starts_at):
        raise WorkgroupError(str(TOO_FAR_MESSAGE), code="starts_at")
    if ends_at is None or ends_at <= starts_at:
        raise WorkgroupError(_("The meeting must end after it starts."), code="ends_at")
    if is_too_far(ends_at):
        raise WorkgroupError(str(TOO_FAR_MESSAGE), code="ends_at")
    if not (place or "").strip() and not (online_url or "").strip():
        raise WorkgroupError(_("Give a place, an online link, or both."), code="place")
    if capacity is not None and capacity < 1:
        raise WorkgroupError(_("The seats must be at least 1."), code="capacity")
    items = agenda_lines(agenda)
    if len(items) > MAX_AGENDA_ITEMS:
        raise WorkgroupError(
            _("The agenda can have %(count)d items at most.") % {"count": MAX_AGENDA_ITEMS},
            code="agenda",
        )
    if any(len(item) > MAX_AGENDA_ITEM_LENGTH for item in items):
        raise WorkgroupError(
            _("Each agenda item can be %(count)d characters at most.")
            % {"count": MAX_AGENDA_ITEM_LENGTH},
            code="agenda",
        )
    return items


def _create(
    *,
    group,
    by,
    kind,
    status,
    title,
    description,
    starts_at,
    ends_at,
    place,
    online_url,
    capacity,
    agenda,
    province,
) -> Meeting:
    items = check_meeting_data(
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
        agenda=agenda,
    )
    meeting = Meeting.objects.create(
        group=group,
        kind=kind,
        status=status,
        title=title.strip(),
        description=(description or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=(place or "").strip(),
        online_url=(online_url or "").strip(),
        capacity=capacity,
        province=province,
        proposed_by=by,
    )
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, position=i, title=item) for i, item in enumerate(items)]
    )
    log_action(target=meeting, action=f"workgroups.meeting.{status}", by=by, kind=kind)
    return meeting


def _announce(meeting, *, by):
    notify(
        notifications.MEETING_PUBLISHED.name,
        group_members(meeting.group),
        target=meeting,
        actor=by,
        context={"group": meeting.group.name, "meeting": meeting.title, "when": when(meeting)},
    )


@transaction.atomic
def meeting_schedule(
    *,
    group,
    by,
    title,
    starts_at,
    ends_at,
    description="",
    place="",
    online_url="",
    capacity=None,
    agenda="",
    province=None,
) -> Meeting:
    """Coordinators (or staff) schedule a meeting: published at once, the group is told."""
    if not permissions.can_schedule_meeting(by, group):
        raise WorkgroupError(_("Only the coordinators schedule meetings."), code="forbidden")
    meeting = _create(
        group=group, by=by, kind=Meeting.Kind.SCHEDULED, status=Status.PUBLISHED, title=title,
        description=description, starts_at=starts_at, ends_at=ends_at, place=place,
        online_url=online_url, capacity=capacity, agenda=agenda, province=province,
    )  # fmt: skip
    _announce(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_propose(
    *,
    group,
    by,
    title,
    starts_at,
    ends_at,
    province,
    description="",
    place="",
    online_url="",
    capacity=None,
    agenda="",
) -> Meeting:
    """A member proposes a self-organised territorial meeting; staff approve it first."""
    if not permissions.can_propose_meeting(by, group):
        raise WorkgroupError(
            _("Only members of the cooperative who belong to this group can propose meetings."),
            code="forbidden",
        )
    if province is None:
        raise WorkgroupError(_("Say in which province the meeting takes place."), code="province")
    meeting = _create(
        group=group, by=by, kind=Meeting.Kind.SELF_ORGANISED, status=Status.PROPOSED,
        title=title, description=description, starts_at=starts_at, ends_at=ends_at, place=place,
        online_url=online_url, capacity=capacity, agenda=agenda, province=province,
    )  # fmt: skip
    notify(
        notifications.MEETING_PROPOSED.name,
        staff_member_list(),
        target=meeting,
        actor=by,
        url=f"/admin/workgroups/meeting/{meeting.pk}/change/",
        context={"person": by.display_name, "meeting": meeting.title, "group": group.name},
    )
    return meeting


def _transition(meeting, to, *, by, reason=""):
    return transition(MEETING, meeting, to, by=by, reason=reason)


def _tell_proposer(meeting, *, by, decision):
    notify(
        notifications.MEETING_DECIDED.name,
        [meeting.proposed_by_id] if meeting.proposed_by_id else [],
        target=meeting,
        actor=by,
        context={
            "meeting": meeting.title,
            "decision": decision,
            "reason": meeting.moderation_reason,
        },
    )


@transaction.atomic
def meeting_approve(*, meeting, by, reason="") -> Meeting:
    """Staff approve a self-organised meeting: published, the proposer and the group are told."""
    meeting = _transition(meeting, Status.PUBLISHED, by=by, reason=reason)
    _tell_proposer(meeting, by=by, decision=_("approved and published"))
    _announce(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_reject(*, meeting, by, reason) -> Meeting:
    meeting = _transition(meeting, Status.REJECTED, by=by, reason=reason)
    _tell_proposer(meeting, by=by, decision=_("not approved"))
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, by, reason="") -> Meeting:
    """A coordinator (or staff) cancels a meeting; the people going, offered a seat or waiting
    are told."""
    meeting = _transition(meeting, Status.CANCELLED, by=by, reason=reason)
    change = _("cancelled.")
    if reason.strip():
        change = _("cancelled: %(reason)s") % {"reason": reason.strip()}
    notify(
        notifications.MEETING_CHANGED.name,
        people_going(meeting, also=[Answer.OFFERED, Answer.WAITING]),
        target=meeting,
        actor=by,
        context={"meeting": meeting.title, "when": when(meeting), "change": change},
    )
    return meeting


@transaction.atomic
def meeting_record_minutes(*, meeting, by, minutes, outcomes) -> Meeting:
    """Coordinators (or staff) record the minutes and what emerged; the group is told."""
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("group").get(pk=meeting.pk)
    )
    if not permissions.can_record_minutes(by, locked):
        raise WorkgroupError(
            _("Minutes are recorded by the coordinators once the meeting has started."),
            code="forbidden",
        )
    if not (minutes or "").strip() and not (outcomes or "").strip():
        raise WorkgroupError(_("Write the minutes, what emerged, or both."), code="minutes")
    first_time = locked.minutes_recorded_at is None
    locked.minutes = (minutes or "").strip()
    locked.outcomes = (outcomes or "").strip()
    locked.minutes_recorded_at = timezone.now()
    locked.save(update_fields=["minutes", "outcomes", "minutes_recorded_at", "updated_at"])
    log_action(target=locked, action="workgroups.meeting.minutes", by=by, first=first_time)
    if first_time:
        notify(
            notifications.MINUTES_RECORDED.name,
            group_members(locked.group),
            target=locked,
            actor=by,
            context={"meeting": locked.title, "group": locked.group.name},
        )
    return locked


# --- reminders --------------------------------------------------------------------------------

REMINDER_WINDOW = (timedelta(hours=24), timedelta(hours=48))


def meetings_needing_reminder(now=None):
    """Published meetings starting 24–48 hours from now whose reminder has not gone out."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        status=Status.PUBLISHED,
        reminder_sent_at__isnull=True,
        starts_at__gte=now + REMINDER_WINDOW[0],
        starts_at__lt=now + REMINDER_WINDOW[1],
    )


@transaction.atomic
def meeting_send_reminder(*, meeting_id) -> bool:
    """Tell the people going that the meeting is tomorrow. Idempotent: once per meeting."""
    locked = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
    if (
        locked is None
        or locked.status != Status.PUBLISHED
        or locked.reminder_sent_at is not None
        or locked.starts_at <= timezone.now()
    ):
        return False
    locked.reminder_sent_at = timezone.now()
    locked.save(update_fields=["reminder_sent_at", "updated_at"])
    notify(
        notifications.MEETING_CHANGED.name,
        people_going(locked),
        target=locked,
        context={
            "meeting": locked.title,
            "when": when(locked),
            "change": _("reminder: the meeting is tomorrow."),
        },
    )
    log_action(target=locked, action="workgroups.meeting.reminded")
    return True
