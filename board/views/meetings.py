"""Board meetings: list, create, edit; the agenda of recommendations; decisions with follow-ups;
the PDF pack of a meeting (board only)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, attachment, get_or_404

from .. import packs, selectors
from ..forms.meetings import (
    AgendaAddForm,
    CancelForm,
    DecisionForm,
    MeetingForm,
    ScheduleForm,
    SummaryForm,
)
from ..models import AgendaEntry
from ..services import meetings as services
from ..workflows import BOARD_MEETING
from . import board_required

AGENDA_CHOICES = 30  # recommendations offered at once on a meeting's page; search for others


def _entry(meeting_pk, pk) -> AgendaEntry:
    """An agenda item, only under the meeting it belongs to (no reaching one by guessing)."""
    return get_object_or_404(
        AgendaEntry.objects.select_related("meeting"), pk=pk, meeting_id=meeting_pk
    )


@board_required
def meeting_list(request):
    page = Paginator(selectors.meeting_list(), 20).get_page(request.GET.get("page"))
    return render(request, "board/meeting_list.html", {"page": page})


def _meeting_form(request, form, save, success, context):
    """The create/edit page: a refused save shows its reason on the form."""
    if request.method == "POST" and (done := act_on_form(request, form, save, success=success)):
        return redirect(done.value)
    return render(request, "board/meeting_form.html", {"form": form, **context})


@board_required
def meeting_create(request):
    return _meeting_form(
        request,
        MeetingForm(request.POST or None),
        lambda **data: services.meeting_create(by=request.user, **data),
        _("The board meeting is scheduled."),
        {},
    )


@board_required
def meeting_update(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    initial = {name: getattr(meeting, name) for name in MeetingForm.Meta.fields}
    return _meeting_form(
        request,
        MeetingForm(request.POST or None, initial=initial),
        lambda **data: services.meeting_update(meeting=meeting, by=request.user, **data),
        _("The board meeting is updated."),
        {"meeting": meeting},
    )


@board_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    planned = meeting.is_planned
    query = request.GET.get("q", "").replace("\x00", "")[:200]  # PostgreSQL refuses NUL
    add_form = None
    if planned:
        # the first AGENDA_CHOICES only, read once (LIMIT in SQL, on the partial index
        # wg_forwarded_waiting_first); posting validates against every schedulable one
        candidates = selectors.schedulable_recommendations(meeting, query=query)
        add_form = AgendaAddForm(
            recommendations=candidates, offered=list(candidates[:AGENDA_CHOICES])
        )
    context = {
        "meeting": meeting,
        "is_planned": planned,
        "can_decide": not meeting.is_cancelled,
        "moves": BOARD_MEETING.available_moves(request.user, meeting),  # mark as held, cancel
        "add_form": add_form,
        "can_add": add_form is not None and bool(add_form.fields["proposal"].choices),
        "query": query,
        "choices_limit": AGENDA_CHOICES,
    }
    for entry in meeting.agenda:
        entry.summary_form = SummaryForm(
            initial={"discussion_summary": entry.discussion_summary},
            prefix=f"{SummaryForm.prefix_letter}{entry.pk}",
        )
        entry.decision_form = DecisionForm(
            initial={"decision": entry.decision, "follow_up_on": entry.follow_up_on},
            prefix=f"{DecisionForm.prefix_letter}{entry.pk}",
        )
    return render(request, "board/meeting_detail.html", context)


@board_required
@require_POST
def agenda_add(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    form = AgendaAddForm(
        request.POST, recommendations=selectors.schedulable_recommendations(meeting)
    )
    act_on_form(
        request,
        form,
        lambda **data: services.agenda_add(meeting=meeting, by=request.user, **data),
        success=_("The recommendation is on the agenda: its authors are told."),
        errors_as_message=True,
    )
    return redirect(meeting)


@board_required
@require_POST
def recommendation_schedule(request, pk):
    """From a recommendation's page: put it on the agenda of a planned meeting."""
    proposal = get_or_404(selectors.recommendation_list().filter(pk=pk).first())
    form = ScheduleForm(request.POST, meetings=selectors.upcoming_meetings())
    act_on_form(
        request,
        form,
        lambda meeting: services.agenda_add(meeting=meeting, proposal=proposal, by=request.user),
        success=_("The recommendation is on the agenda: its authors are told."),
        errors_as_message=True,
    )
    return redirect("board:recommendation_detail", pk=pk)


def _entry_form(request, pk, entry_pk, form_class, action, success):
    entry = _entry(pk, entry_pk)
    form = form_class(request.POST, prefix=f"{form_class.prefix_letter}{entry.pk}")
    act_on_form(
        request,
        form,
        lambda **data: action(entry=entry, by=request.user, **data),
        success=success,
        errors_as_message=True,
    )
    return redirect(f"{entry.meeting.get_absolute_url()}#item-{entry.pk}")


@board_required
@require_POST
def agenda_summary(request, pk, entry_pk):
    return _entry_form(
        request, pk, entry_pk, SummaryForm, services.agenda_summarise,
        _("The discussion summary is saved."),
    )  # fmt: skip


@board_required
@require_POST
def agenda_decision(request, pk, entry_pk):
    return _entry_form(
        request, pk, entry_pk, DecisionForm, services.agenda_decide,
        _("The decision is recorded."),
    )  # fmt: skip


@board_required
@require_http_methods(["GET", "POST"])
def agenda_remove(request, pk, entry_pk):
    entry = _entry(pk, entry_pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Take “%(title)s” off the agenda of “%(meeting)s”?")
            % {"title": entry.proposal.title, "meeting": entry.meeting.title},
            consequence=_("Its discussion summary and staff notes on this agenda are lost."),
            action=_("Remove from the agenda"),
            cancel_url=f"{entry.meeting.get_absolute_url()}#item-{entry.pk}",
        )
    act(
        request,
        lambda: services.agenda_remove(entry=entry, by=request.user),
        success=_("The recommendation is off the agenda."),
    )
    return redirect(entry.meeting)


@board_required
@require_POST
def agenda_move(request, pk, entry_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    entry = _entry(pk, entry_pk)
    act(
        request,
        lambda: services.agenda_move(entry=entry, by=request.user, up=direction == "up"),
        success=_("The agenda order is updated."),
    )
    return redirect(f"{entry.meeting.get_absolute_url()}#item-{entry.pk}")


@board_required
@require_http_methods(["GET", "POST"])
def meeting_held(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Mark “%(meeting)s” as held?") % {"meeting": meeting.title},
            consequence=_("A held meeting can no longer be edited, cancelled or given new items."),
            action=_("Mark as held"),
            cancel_url=meeting.get_absolute_url(),
        )
    act(
        request,
        lambda: services.meeting_mark_held(meeting=meeting, by=request.user),
        success=_("The meeting is marked as held."),
    )
    return redirect(meeting)


@board_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Cancel the board meeting “%(meeting)s”?") % {"meeting": meeting.title},
            consequence=_(
                "A cancelled meeting cannot be restored; its agenda stays for the record."
            ),
            action=_("Cancel the meeting"),
            cancel_url=meeting.get_absolute_url(),
            form=CancelForm(request.POST or None),
        )
    act_on_form(
        request,
        CancelForm(request.POST),
        lambda **data: services.meeting_cancel(meeting=meeting, by=request.user, **data),
        success=_("The meeting is cancelled."),
        errors_as_message=True,
    )
    return redirect(meeting)


@board_required
def meeting_pack(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    response = HttpResponse(packs.render_pack(meeting), content_type="application/pdf")
    return attachment(response, f"cda-{meeting.starts_at:%Y%m%d}-{meeting.pk}.pdf")


urlpatterns = [
    path("meetings/", meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/held/", meeting_held, name="meeting_held"),
    path("meetings/<int:pk>/cancel/", meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/pack/", meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/agenda/", agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/<int:entry_pk>/summary/", agenda_summary, name="agenda_summary"),
    path(
        "meetings/<int:pk>/agenda/<int:entry_pk>/decision/",
        agenda_decision,
        name="agenda_decision",
    ),
    path("meetings/<int:pk>/agenda/<int:entry_pk>/remove/", agenda_remove, name="agenda_remove"),
    path(
        "meetings/<int:pk>/agenda/<int:entry_pk>/<str:direction>/",
        agenda_move,
        name="agenda_move",
    ),
    path(
        "recommendations/<int:pk>/schedule/",
        recommendation_schedule,
        name="recommendation_schedule",
    ),
]
