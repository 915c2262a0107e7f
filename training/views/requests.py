"""Applying to teach (any account) and asking for a free consultation (members): the person's
own pages; a consultation's page also serves its consultant, who agrees the slot and closes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.accounts.permissions import is_member
from coopportal.core.http import act, act_on_form, form_status, role_required

from ..forms_requests import (
    ConsultationCloseForm,
    ConsultationForm,
    ConsultationScheduleForm,
    TrainerApplicationForm,
)
from ..models import ConsultationStatus
from ..selectors import requests as selectors
from ..services import requests as services
from ..workflows import CONSULTATION, TRAINER_APPLICATION, is_consultant


@login_required
def trainer_application(request):
    """The person's applications to teach and, with none open, the form to apply."""
    open_application = selectors.trainer_application_open(user=request.user)
    form = TrainerApplicationForm(request.POST or None) if open_application is None else None
    if request.method == "POST" and form is not None:
        done = act_on_form(
            request,
            form,
            lambda **data: services.trainer_application_submit(by=request.user, **data),
            success=_("Thank you: your application to teach is with staff."),
            field_codes={"topics", "experience", "bio"},
        )
        if done:
            return redirect("training:trainer_application")
    elif request.method == "POST":
        messages.error(request, services.ALREADY_OPEN)
        return redirect("training:trainer_application")
    applications = [
        (application, TRAINER_APPLICATION.available_moves(request.user, application))
        for application in selectors.trainer_application_list(user=request.user)
    ]
    context = {"form": form, "applications": applications}
    return render(
        request,
        "training/trainer_application.html",
        context,
        status=form_status(form) if form is not None else 200,
    )


@require_POST
@login_required
def trainer_application_withdraw(request, pk):
    application = selectors.trainer_application_own(user=request.user, pk=pk)
    act(
        request,
        lambda: services.trainer_application_withdraw(application=application, by=request.user),
        success=_("Your application to teach is withdrawn."),
    )
    return redirect("training:trainer_application")


@role_required(is_member)
def consultation_list(request):
    consultations = selectors.consultation_list(user=request.user)
    return render(request, "training/consultation_list.html", {"consultations": consultations})


@role_required(is_member)
def consultation_create(request):
    form = ConsultationForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.consultation_request(by=request.user, **data),
            success=_("Thank you: staff will find you a consultant."),
            field_codes={"topic", "description", "preferred_times"},
        )
        if done:
            return redirect("training:consultation_detail", pk=done.value.pk)
    return render(
        request, "training/consultation_form.html", {"form": form}, status=form_status(form)
    )


@login_required
def consultation_detail(request, pk):
    """The member sees status, consultant and slot; the consultant also agrees the slot and
    closes the consultation with notes (which the member never sees)."""
    consultation = selectors.consultation_access(user=request.user, pk=pk)
    moves = CONSULTATION.available_moves(request.user, consultation)
    consultant_view = is_consultant(request.user, consultation)
    schedule_form = ConsultationScheduleForm(request.POST if "schedule" in request.POST else None)
    close_form = ConsultationCloseForm(request.POST if "close" in request.POST else None)
    status = 200
    if request.method == "POST" and consultant_view:
        if "schedule" in request.POST and ConsultationStatus.SCHEDULED in moves:
            form, success = schedule_form, _("The slot is agreed; the member is told.")
            call = services.consultation_schedule
        elif "close" in request.POST and ConsultationStatus.CLOSED in moves:
            form, success = close_form, _("The consultation is closed.")
            call = services.consultation_close
        else:
            return redirect("training:consultation_detail", pk=consultation.pk)
        done = act_on_form(
            request,
            form,
            lambda **data: call(consultation=consultation, by=request.user, **data),
            success=success,
            field_codes={"slot_at", "slot_place", "notes"},
        )
        if done:
            return redirect("training:consultation_detail", pk=consultation.pk)
        status = form_status(form)
    context = {
        "consultation": consultation,
        "moves": moves,
        "consultant_view": consultant_view,
        "schedule_form": schedule_form,
        "close_form": close_form,
    }
    return render(request, "training/consultation_detail.html", context, status=status)


@require_POST
@login_required
def consultation_cancel(request, pk):
    consultation = selectors.consultation_access(user=request.user, pk=pk)
    act(
        request,
        lambda: services.consultation_cancel(consultation=consultation, by=request.user),
        success=_("Your consultation request is cancelled."),
    )
    return redirect("training:consultation_detail", pk=consultation.pk)
