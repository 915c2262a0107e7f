"""Who may do what in training. Pure predicates (django-rules) on (user, object).

Anyone sees the published catalogue; enrolling needs an account, and a members-only course needs
a verified membership. The online link of a session and its register are never shown to others:
the link to the people holding a seat (and the trainers and staff), the register to the session's
trainer (their course's trainers) and staff.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import Audience, CourseStatus, Enrolment, EnrolmentStatus


@rules.predicate
def can_manage_training(user, obj=None) -> bool:
    """Staff manage training. Takes the object too: the workflows' moves call their predicate
    with (user, obj), and a one-argument predicate called so raises a TypeError."""
    return is_staff_member(user)


@rules.predicate
def is_published(user, course) -> bool:
    return course.status in (CourseStatus.PUBLISHED, CourseStatus.CANCELLED)


can_view_course = is_published | can_manage_training


@rules.predicate
def audience_admits(user, course) -> bool:
    """The course is open to all, or the person is a member."""
    return course.audience == Audience.ALL or is_member(user)


can_enrol = is_authenticated & audience_admits


def _trainer_user_ids(course) -> set[int]:
    """The accounts of the course's trainers (cached on the course object)."""
    cached = getattr(course, "_trainer_user_ids", None)
    if cached is None:
        cached = {
            pk for pk in course.trainers.values_list("user_id", flat=True) if pk is not None
        } | {
            pk
            for pk in course.sessions.values_list("trainer__user_id", flat=True)
            if pk is not None
        }
        course._trainer_user_ids = cached
    return cached


@rules.predicate
def teaches_course(user, course) -> bool:
    return is_authenticated(user) and user.pk in _trainer_user_ids(course)


@rules.predicate
def teaches_session(user, session) -> bool:
    if not is_authenticated(user):
        return False
    trainer = session.trainer
    if trainer is not None and trainer.user_id == user.pk:
        return True
    return teaches_course(user, session.course)


@rules.predicate
def holds_seat(user, course) -> bool:
    return (
        is_authenticated(user)
        and Enrolment.objects.filter(
            course=course, user=user, status=EnrolmentStatus.CONFIRMED
        ).exists()
    )


@rules.predicate
def holds_session_seat(user, session) -> bool:
    return holds_seat(user, session.course)


can_see_online_link = holds_session_seat | teaches_session | can_manage_training
can_keep_register = teaches_session | can_manage_training
can_see_course_register = teaches_course | can_manage_training
