"""Feedback on a course: the attendees' form (from the notification's link), and the staff's page
of averages and distributions per course and per trainer."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coopportal.core.http import act_on_form, form_status, get_or_404

from .. import permissions
from ..forms_feedback import FeedbackForm
from ..selectors import feedback as selectors
from ..services import feedback as services

PAGE_SIZE = 50


def _attended(user, course) -> bool:
    return selectors.attended(user=user, course=course)


def feedback_form(request, pk):
    """Only the people who attended see it (404 for anyone else, logged in or not)."""
    course = get_or_404(selectors.feedback_course(pk=pk), allowed=_attended, user=request.user)
    mine = selectors.my_feedback(user=request.user, course=course)
    initial = {"rating": mine.rating, "comments": mine.comments} if mine else None
    is_open = selectors.feedback_is_open(course)
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and act_on_form(
        request,
        form,
        lambda **data: services.feedback_give(course=course, by=request.user, **data),
        success=_("Thank you for your feedback."),
        field_codes={"rating", "comments"},
    ):
        return redirect("training:feedback_form", pk=course.pk)
    context = {
        "course": course,
        "form": form,
        "mine": mine,
        "is_open": is_open,
        "closes_at": selectors.feedback_closes_at(course),
    }
    status = 400 if request.method == "POST" else form_status(form)
    return render(request, "training/feedback_form.html", context, status=status)


def feedback_summary(request):
    """Staff only (404 for anyone else): the figures per course and per trainer."""
    if not permissions.can_manage_training(request.user):
        raise Http404
    courses = Paginator(selectors.course_feedback_summary(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "overall": selectors.overall_distribution(),
        "page": courses,
        "courses": selectors.with_distribution(courses.object_list),
        "trainers": selectors.trainer_feedback_summary(),
    }
    return render(request, "training/feedback_summary.html", context)
