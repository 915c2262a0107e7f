"""The register of a session and the participants' self check-in.

The session's trainers (the course's trainers too) and staff keep the register: they mark the
people holding a confirmed seat present or absent, one by one or all present at once. The trainer
can show a short check-in code; during the session (from 15 minutes before the start to the end)
an enrolled person types it and is recorded present. Saving the register of the course's last
session, or a check-in to it, issues the certificates now due (services/certificates.py).
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action

from .. import permissions
from ..exceptions import TrainingError
from ..models import Attendance, AttendanceHow, CourseSession
from ..selectors import attendance as selectors

CHECKIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
CHECKIN_LENGTH = 6
CHECKIN_OPENS_BEFORE = timedelta(minutes=15)


def attendance_rate(course, user) -> int:
    """The person's attendance in `course`: hours present / hours of its sessions, in %."""
    return selectors.attendance_rates_for(user, [course])[course.pk]


def normalize_code(code) -> str:
    """A typed code as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in str(code or "") if ch.isalnum()).upper()


def checkin_is_open(session, now=None) -> bool:
    now = now or timezone.now()
    return session.starts_at - CHECKIN_OPENS_BEFORE <= now <= session.ends_at


def _clean_marks(marks) -> dict[int, bool]:
    cleaned = {}
    for user_id, present in dict(marks or {}).items():
        if not isinstance(present, bool):
            raise TrainingError(_("Mark each person present or absent."), code="marks")
        try:
            cleaned[int(user_id)] = present
        except (TypeError, ValueError) as exc:
            raise TrainingError(_("Mark each person present or absent."), code="marks") from exc
    return cleaned


def _issue_if_last(session, by=None):
    from . import certificates  # certificates reads the rates this module writes

    if selectors.is_last_session(session):
        certificates.certificates_issue_due(course=session.course, by=by)


@transaction.atomic
def register_mark(*, session, by, marks=None, all_present=False) -> int:
    """`by` (the session's trainer or staff) records who was at `session`: `marks` is
    {user id: present?}; `all_present` marks every confirmed enrollee present. Only people holding
    a confirmed seat can be marked: one other id refuses the whole register (nothing written).
    Returns how many marks were saved."""
    if not permissions.can_keep_register(by, session):
        raise TrainingError(
            _("Only the session's trainer or staff keep its register."), code="forbidden"
        )
    marks = _clean_marks(marks)
    enrolled = selectors.enrolled_user_ids(session.course)
    if all_present:
        marks = dict.fromkeys(enrolled, True)  # whatever the radios said
    strangers = set(marks) - enrolled
    if strangers:
        raise TrainingError(
            _("Only people holding a confirmed seat in the course can be marked."),
            code="not_enrolled",
        )
    if not marks:
        raise TrainingError(_("Nobody was marked."), code="empty")
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                user_id=user_id,
                present=present,
                how=AttendanceHow.REGISTER,
                marked_by=by,
            )
            for user_id, present in sorted(marks.items())
        ],
        update_conflicts=True,
        unique_fields=["session", "user"],
        update_fields=["present", "how", "marked_by", "marked_at"],
    )
    log_action(
        target=session,
        action="training.attendance.register",
        by=by,
        present=sorted(k for k, v in marks.items() if v),
        absent=sorted(k for k, v in marks.items() if not v),
    )
    _issue_if_last(session, by=by)
    return len(marks)


@transaction.atomic
def checkin_code_new(*, session, by) -> str:
    """A new check-in code for `session` (6 characters without look-alikes) that the trainer
    shows; the one shown before stops working."""
    if not permissions.can_keep_register(by, session):
        raise TrainingError(
            _("Only the session's trainer or staff keep its register."), code="forbidden"
        )
    while True:
        code = "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(CHECKIN_LENGTH))
        if not CourseSession.objects.filter(checkin_code=code).exists():
            break
    session.checkin_code = code
    session.save(update_fields=["checkin_code", "updated_at"])
    log_action(target=session, action="training.attendance.code", by=by)
    return code


WRONG_CODE = "wrong_code"


def _session_of(session, code, now):
    if session is not None:
        if not session.checkin_code or not secrets.compare_digest(session.checkin_code, code):
            raise TrainingError(
                _("This is not the check-in code of this session: check it and try again."),
                code=WRONG_CODE,
            )
        return session
    found = (
        CourseSession.objects.select_related("course")
        .filter(checkin_code=code, ends_at__gte=now, starts_at__lte=now + CHECKIN_OPENS_BEFORE)
        .first()
    )
    if found is None:
        raise TrainingError(
            _("No session open for check-in has this code: check it and try again."),
            code=WRONG_CODE,
        )
    return found


@transaction.atomic
def checkin(*, user, code, session=None, now=None) -> Attendance:
    """`user` records their own presence with the code the trainer shows: only during the session
    (from 15 minutes before the start to its end), only holding a confirmed seat, once (a second
    check-in changes nothing). Without `session`, the code finds it."""
    now = now or timezone.now()
    code = normalize_code(code)
    if not code or len(code) > CHECKIN_LENGTH * 2:
        raise TrainingError(_("Type the code the trainer shows."), code=WRONG_CODE)
    session = _session_of(session, code, now)
    if not checkin_is_open(session, now):
        raise TrainingError(
            _("Check-in is open only during the session, from 15 minutes before it starts."),
            code="closed",
        )
    if not permissions.holds_seat(user, session.course):
        raise TrainingError(
            _("Only people holding a confirmed seat in the course can check in."),
            code="not_enrolled",
        )
    mark = Attendance.objects.select_for_update().filter(session=session, user=user).first()
    if mark is not None and mark.present:
        return mark
    if mark is None:
        mark = Attendance.objects.create(
            session=session, user=user, present=True, how=AttendanceHow.CHECKIN, marked_by=user
        )
    else:  # marked absent before they arrived
        mark.present, mark.how, mark.marked_by = True, AttendanceHow.CHECKIN, user
        mark.save(update_fields=["present", "how", "marked_by", "marked_at"])
    log_action(target=session, action="training.attendance.checkin", by=user)
    _issue_if_last(session)
    return mark
