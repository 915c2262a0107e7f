"""A person's agenda at an event (page, PDF, .ics) and the staff's schedule and figures pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.core.calendar import ics_bytes
from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, attachment

from ..calendar import agenda_entries
from ..selectors import agenda as selectors
from ..services.schedule import schedule_run
from ..services.schedule_pdf import agenda_pdf


def _private(response, filename):
    response["Cache-Control"] = "private, no-store"
    return attachment(response, filename)


@login_required
@require_GET
def event_agenda(request, pk):
    event, registration = selectors.registration_access(request.user, pk)
    items = selectors.agenda_items(registration)
    return render(
        request,
        "community/events/agenda.html",
        {"event": event, "registration": registration, "items": items},
    )


@login_required
@require_GET
def event_agenda_pdf(request, pk):
    event, registration = selectors.registration_access(request.user, pk)
    content = agenda_pdf(event, registration, get_language())
    return _private(HttpResponse(content, content_type="application/pdf"), f"agenda-{event.pk}.pdf")


@login_required
@require_GET
def event_agenda_ics(request, pk):
    event, registration = selectors.registration_access(request.user, pk)
    base_url = request.build_absolute_uri("/").rstrip("/")
    entries = agenda_entries(event, registration, base_url=base_url, host=request.get_host())
    response = HttpResponse(
        ics_bytes(entries, name=event.title), content_type="text/calendar; charset=utf-8"
    )
    return _private(response, f"agenda-{event.pk}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def event_schedule(request, pk):
    event = selectors.event_for_staff(request.user, pk)
    if request.method == "POST":
        if not confirmed(request):
            return ask(
                request,
                question=_("Run the scheduler on “%(event)s”?") % {"event": event.title},
                consequence=_(
                    "Every accepted meeting without a time gets a slot and a table where both "
                    "people are free; the meetings already placed stay where they are. Each "
                    "person is told of their new meetings."
                ),
                action=_("Run the scheduler"),
                cancel_url=request.path,
            )
        outcome = act(request, lambda: schedule_run(event=event, by=request.user), success=None)
        if outcome:
            report = outcome.value
            messages.success(
                request,
                _("Scheduler run: %(placed)s meetings placed, %(unplaced)s not placed.")
                % {"placed": report.placed, "unplaced": report.unplaced},
            )
        return redirect("community:event_schedule", pk=event.pk)
    context = {"event": event, **selectors.schedule_grid(event)}
    return render(request, "community/events/schedule.html", context)


@login_required
@require_GET
def event_figures(request, pk):
    event = selectors.event_for_staff(request.user, pk)
    figures = selectors.event_figures(event)
    return render(
        request, "community/events/outcome_figures.html", {"event": event, "figures": figures}
    )
