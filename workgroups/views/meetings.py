"""Meetings of a group: list, schedule or propose, page, RSVP (htmx), .ics, minutes, cancel; and
the public page of what emerged from meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from icalendar import Calendar, Event

from coopportal.core.confirm import ask, confirmed
from coopportal.core.exceptions import DomainError
from coopportal.core.http import act, act_on_form, attachment
from coopportal.core.markdown import render_markdown

from .. import permissions
from ..forms.meetings import CancelForm, EmergedFilterForm, MeetingForm, MinutesForm, RSVPForm
from ..models import MeetingRSVP
from ..selectors import groups as group_selectors
from ..selectors import meetings as selectors
from ..services import meetings as services
from ..services import seats
from ..workflows import MEETING

Answer = MeetingRSVP.Answer
PAGE_SIZE = 20
FORM_FIELDS = {"starts_at", "ends_at", "place", "capacity", "agenda", "province"}


def group_section(request, group):
    return {
        "template": "workgroups/partials/_meetings_section.html",
        "meetings": selectors.upcoming_meetings(group=group, limit=3),
        "can_schedule": permissions.can_schedule_meeting(request.user, group),
    }


@login_required
def meeting_list(request, slug):
    group = group_selectors.group_access(request.user, slug)
    past = request.GET.get("when") == "past"
    meetings = selectors.meeting_list(group=group, user=request.user, past=past)
    context = {
        "group": group,
        "past": past,
        "page": Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_schedule": permissions.can_schedule_meeting(request.user, group),
        "can_propose": permissions.can_propose_meeting(request.user, group),
    }
    return render(request, "workgroups/meeting_list.html", context)


def _meeting_form_view(request, slug, *, propose):
    allowed = permissions.can_propose_meeting if propose else permissions.can_schedule_meeting
    group = group_selectors.group_access(request.user, slug, need=allowed)
    form = MeetingForm(request.POST or None, require_province=propose)
    service = services.meeting_propose if propose else services.meeting_schedule
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: service(group=group, by=request.user, **data),
            success=_("Thank you: the staff will review your proposal.")
            if propose
            else _("The meeting is published and the group is told."),
            field_codes=FORM_FIELDS,
        )
    ):
        return redirect(done.value)
    context = {"group": group, "form": form, "propose": propose}
    status = 400 if request.method == "POST" else 200  # an empty POST too (an unbound form)
    return render(request, "workgroups/meeting_form.html", context, status=status)


@login_required
def meeting_create(request, slug):
    return _meeting_form_view(request, slug, propose=False)


@login_required
def meeting_propose(request, slug):
    return _meeting_form_view(request, slug, propose=True)


def _rsvp_context(request, meeting):
    """The answer box: the person's seat (going, offered until…, waiting at position N, not
    going), the seats left and how many wait."""
    rsvp = selectors.my_rsvp(meeting=meeting, user=request.user)
    return {
        "meeting": meeting,
        "rsvp": rsvp,
        "my_answer": rsvp.answer if rsvp else None,
        "position": seats.position(rsvp),
        "waiting_count": selectors.waiting_count(meeting=meeting),
        "can_rsvp": permissions.can_rsvp_meeting(request.user, meeting),
        "is_full": meeting.capacity is not None and meeting.going_count >= meeting.capacity,
    }


@login_required
def meeting_detail(request, slug, pk):
    meeting = selectors.meeting_access(request.user, slug, pk)
    user = request.user
    context = {
        "group": meeting.group,
        "description_html": render_markdown(meeting.description),
        "minutes_html": render_markdown(meeting.minutes),
        "outcomes_html": render_markdown(meeting.outcomes),
        "proposals": selectors.meeting_proposals(meeting=meeting),
        "can_record_minutes": permissions.can_record_minutes(user, meeting),
        "can_propose_from_it": permissions.can_create_proposal(user, meeting.group)
        and permissions.meeting_has_started(user, meeting),
        "moves": MEETING.available_moves(user, meeting),  # cancel
        **_rsvp_context(request, meeting),
    }
    return render(request, "workgroups/meeting_detail.html", context)


@login_required
@require_POST
def meeting_rsvp(request, slug, pk):
    meeting = selectors.meeting_access(request.user, slug, pk)
    form = RSVPForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Unknown answer."), status=400)
    error = done = None
    try:
        rsvp = seats.meeting_rsvp(meeting=meeting, by=request.user, **form.cleaned_data)
        done = _rsvp_done(rsvp)
    except DomainError as exc:
        error = exc.message
    if request.htmx:
        context = {**_rsvp_context(request, meeting), "error": error, "done": done}
        return render(request, "workgroups/partials/_rsvp.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(meeting)


def _rsvp_done(rsvp):
    if rsvp.answer == Answer.WAITING:
        return _(
            "The meeting is full: you are number %(position)d on the waiting list. If a seat "
            "frees, it is offered to you and you are told."
        ) % {"position": seats.position(rsvp)}
    return _("Your answer is saved.")


def meeting_calendar(meeting, *, url, host) -> bytes:
    """The meeting as an iCalendar file, with its times in Europe/Rome."""
    event = Event()
    event.add("uid", f"workgroups-meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", meeting.title)
    event.add("description", meeting.description)
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.online_url:
        event.add("location", meeting.online_url)
    event.add("url", meeting.online_url or url)
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    calendar = Calendar()
    calendar.add("prodid", "-//Coop Portal//workgroups//IT")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@login_required
def meeting_ics(request, slug, pk):
    meeting = selectors.meeting_access(request.user, slug, pk)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    calendar = meeting_calendar(meeting, url=url, host=request.get_host())
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    return attachment(response, f"meeting-{meeting.pk}.ics")


@login_required
def meeting_minutes(request, slug, pk):
    meeting = selectors.meeting_access(request.user, slug, pk)
    if not permissions.can_record_minutes(request.user, meeting):
        raise Http404
    initial = {"minutes": meeting.minutes, "outcomes": meeting.outcomes}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and act_on_form(
        request,
        form,
        lambda **data: services.meeting_record_minutes(meeting=meeting, by=request.user, **data),
        success=_("The minutes are saved."),
    ):
        return redirect(meeting)
    context = {"group": meeting.group, "meeting": meeting, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "workgroups/meeting_minutes.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, slug, pk):
    meeting = selectors.meeting_access(request.user, slug, pk)
    if not permissions.can_cancel_meeting(request.user, meeting):
        raise Http404
    form = CancelForm(request.POST or None)
    if not confirmed(request) or not form.is_valid():
        return ask(
            request,
            question=_("Cancel the meeting “%(meeting)s”?") % {"meeting": meeting.title},
            consequence=_("The people going are told; a cancelled meeting cannot be restored."),
            action=_("Cancel the meeting"),
            cancel_url=meeting.get_absolute_url(),
            form=form,
            status=400 if form.errors else 200,
        )
    reason = form.cleaned_data["reason"]
    act(
        request,
        lambda: services.meeting_cancel(meeting=meeting, by=request.user, reason=reason),
        success=_("The meeting is cancelled and the people going are told."),
    )
    return redirect(meeting)


def emerged_list(request):
    """Public: what emerged from the meetings, by territory."""
    form = EmergedFilterForm(request.GET or None)
    region = form.cleaned_data.get("region") if form.is_valid() else None
    meetings = selectors.emerged_list(region=region)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page.object_list:
        meeting.outcomes_html = render_markdown(meeting.outcomes)
    return render(request, "workgroups/emerged_list.html", {"form": form, "page": page})


urlpatterns = [
    path("emerged/", emerged_list, name="emerged_list"),
    path("<slug:slug>/meetings/", meeting_list, name="meeting_list"),
    path("<slug:slug>/meetings/new/", meeting_create, name="meeting_create"),
    path("<slug:slug>/meetings/propose/", meeting_propose, name="meeting_propose"),
    path("<slug:slug>/meetings/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("<slug:slug>/meetings/<int:pk>/rsvp/", meeting_rsvp, name="meeting_rsvp"),
    path("<slug:slug>/meetings/<int:pk>/meeting.ics", meeting_ics, name="meeting_ics"),
    path("<slug:slug>/meetings/<int:pk>/minutes/", meeting_minutes, name="meeting_minutes"),
    path("<slug:slug>/meetings/<int:pk>/cancel/", meeting_cancel, name="meeting_cancel"),
]
