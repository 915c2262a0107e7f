"""Enrolling in a course, cancelling, confirming an offered seat, leaving the waiting list, and
the person's own "my training" page. Every change is a POST (with its CSRF token); giving up a
seat or a place on the list asks for confirmation first (coopportal.core.confirm)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act

from ..selectors import catalogue as selectors
from ..services import enrolment as services


def _outcome_message(seat) -> str:
    state = selectors.SeatState(seat, services.position(seat))
    if state.is_confirmed:
        return _("You are enrolled: see you at the course.")
    if state.is_waiting:
        return _(
            "The course is full: you are on the waiting list, number %(position)s. We will tell "
            "you if a seat frees up."
        ) % {"position": state.position}
    return _("Done.")


@require_POST
def course_enrol(request, pk):
    course = selectors.course_for_action(pk=pk, user=request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(course.get_absolute_url())
    outcome = act(request, lambda: services.enrol(course=course, by=request.user), success=None)
    if outcome:
        messages.success(request, _outcome_message(outcome.value))
    return redirect(course)


@login_required
@require_POST
def course_offer_confirm(request, pk):
    """Take the seat offered from the waiting list (the enrolment service confirms it)."""
    course = selectors.course_for_action(pk=pk, user=request.user)
    outcome = act(request, lambda: services.enrol(course=course, by=request.user), success=None)
    if outcome:
        messages.success(request, _outcome_message(outcome.value))
    return redirect(course)


def _give_up(request, course, *, question, consequence, action, success):
    if not confirmed(request):
        return ask(
            request,
            question=question,
            consequence=consequence,
            action=action,
            cancel_url=course.get_absolute_url(),
        )
    act(request, lambda: services.cancel(course=course, by=request.user), success=success)
    return redirect(course)


@login_required
@require_POST
def course_cancel(request, pk):
    """Give up a confirmed seat (until the cut-off: the service says so after it)."""
    course = selectors.course_for_action(pk=pk, user=request.user)
    return _give_up(
        request,
        course,
        question=_("Cancel your seat in “%(course)s”?") % {"course": course.title},
        consequence=_("Your seat goes to the next person on the waiting list."),
        action=_("Yes, cancel my enrolment"),
        success=_("Your enrolment is cancelled."),
    )


@login_required
@require_POST
def course_waiting_leave(request, pk):
    """Leave the waiting list, or let an offered seat go to the next person."""
    course = selectors.course_for_action(pk=pk, user=request.user)
    return _give_up(
        request,
        course,
        question=_("Leave the waiting list of “%(course)s”?") % {"course": course.title},
        consequence=_("You lose your place: joining again puts you at the end of the list."),
        action=_("Yes, leave the list"),
        success=_("You are no longer on the waiting list."),
    )


@login_required
def my_training(request):
    mine = selectors.my_training(request.user)
    return render(request, "training/my_training.html", {"mine": mine})
