"""The register of a session (its trainers and staff) and the participants' check-in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopportal.core.http import act, act_on_form, form_status

from ..forms_attendance import ABSENT, MARK_PREFIX, PRESENT, CheckinForm, RegisterForm
from ..selectors import attendance as selectors
from ..services import attendance as services


def _register_url(session):
    return reverse("training:session_register", args=[session.course_id, session.pk])


@login_required
@require_http_methods(["GET", "POST"])
def session_register(request, course_pk, session_pk):
    session = selectors.session_for_register(request.user, course_pk, session_pk)
    form = RegisterForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda all_present, marks: services.register_mark(
                session=session, by=request.user, marks=marks, all_present=all_present
            ),
            success=_("Register saved."),
            errors_as_message=True,
        )
        if done:
            return redirect(_register_url(session))
    context = {
        "session": session,
        "course": session.course,
        "rows": selectors.session_register(session),
        "form": form,
        "mark_prefix": MARK_PREFIX,
        "present": PRESENT,
        "absent": ABSENT,
        "checkin_open": services.checkin_is_open(session),
        "checkin_url": request.build_absolute_uri(reverse("training:checkin")),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training/register.html", context, status=status)


@login_required
@require_POST
def session_checkin_code(request, course_pk, session_pk):
    session = selectors.session_for_register(request.user, course_pk, session_pk)
    act(
        request,
        lambda: services.checkin_code_new(session=session, by=request.user),
        success=_("New check-in code: show it to the participants."),
    )
    return redirect(_register_url(session) + "#checkin-code")


def _checkin(request, session, template_context):
    form = CheckinForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda code: services.checkin(user=request.user, code=code, session=session),
            success=_("You are recorded as present. Enjoy the session!"),
            field_codes={"code"},
        )
        if done:
            return redirect(request.path)
    return render(
        request,
        "training/checkin.html",
        {**template_context, "form": form},
        status=form_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_checkin(request, course_pk, session_pk):
    session = selectors.session_for_checkin(request.user, course_pk, session_pk)
    return _checkin(request, session, {"session": session, "course": session.course})


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request):
    return _checkin(request, None, {})
