"""After a meeting: its side says whether it took place and what came of it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopportal.core.http import act_on_form, form_status

from ..forms_agenda import OutcomeForm
from ..models import FeedbackStage
from ..selectors import agenda as selectors
from ..services.outcomes import outcome_record, stage_open


@login_required
@require_http_methods(["GET", "POST"])
def event_meeting_outcome(request, pk, meeting_pk):
    side = selectors.side_access(request.user, pk, meeting_pk)
    meeting, request_ = side.meeting, side.meeting.request
    other = (
        request_.recipient if request_.requester_id == side.registration_id else request_.requester
    )
    stage = stage_open(side)
    given = selectors.side_feedback(side)
    initial = {}
    if side.held is not None:
        initial["held"] = "yes" if side.held else "no"
    if stage in given:
        initial.update(outcome=given[stage].outcome, comment=given[stage].comment)
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and stage:
        done = act_on_form(
            request,
            form,
            lambda **_data: outcome_record(side=side, by=request.user, **form.values()),
            success=_("Thank you: your answer is saved."),
            field_codes={"outcome"},
        )
        if done:
            return redirect("community:event_agenda", pk=meeting.event_id)
    status = form_status(form) if stage else (400 if request.method == "POST" else 200)
    return render(
        request,
        "community/events/outcome_form.html",
        {
            "event": meeting.event,
            "meeting": meeting,
            "side": side,
            "other": other,
            "stage": stage,
            "is_six_months": stage == FeedbackStage.SIX_MONTHS,
            "given": given,
            "form": form,
        },
        status=status,
    )
