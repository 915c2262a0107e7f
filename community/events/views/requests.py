"""The person's requests at an event (received, sent, meetings, past), accepting, declining and
withdrawing them (declining and withdrawing ask for a confirmation), and picking a meeting's time
where the event lets the requester or the recipient choose. Another person's request or meeting,
like a missing one, is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status, role_required

from ..forms import SlotPickForm
from ..models import RequestStatus
from ..permissions import can_pick_slot
from ..selectors import events as selectors
from ..selectors.slots import common_free_slots
from ..services import placing
from ..services import requests as services
from ..workflows import REQUEST

PAGE_SIZE = 20
MOVES = {
    RequestStatus.ACCEPTED: services.request_accept,
    RequestStatus.DECLINED: services.request_decline,
    RequestStatus.CANCELLED: services.request_withdraw,
}


def _list_url(event, tab):
    return f"{reverse('community:event_requests', args=[event.pk])}?tab={tab}"


@role_required(is_authenticated)
@require_GET
def event_requests(request, pk):
    event = selectors.event_access(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise PermissionDenied
    tab = request.GET.get("tab")
    if tab not in selectors.REQUEST_TABS:
        tab = "received"
    rows = selectors.request_list(registration, tab)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = []
    for meeting_request in page.object_list:
        received = meeting_request.recipient_id == registration.pk
        meeting = getattr(meeting_request, "meeting", None)
        moves = {}
        if meeting_request.status == RequestStatus.PENDING:
            moves = {"accept": True, "decline": True} if received else {"withdraw": True}
        items.append(
            {
                "request": meeting_request,
                "received": received,
                "other": meeting_request.requester if received else meeting_request.recipient,
                "meeting": meeting,
                "moves": moves,
                "can_pick": meeting is not None
                and _picks(registration, meeting_request, event)
                and meeting.cancelled_at is None,
                "show_link": meeting is not None and meeting.table_id and event.is_online,
            }
        )
    context = {
        "event": event,
        "registration": registration,
        "tab": tab,
        "counts": selectors.request_tab_counts(registration),
        "page": page,
        "rows": items,
        "answerable": event.registration_open,
    }
    return render(request, "community/events/request_list.html", context)


def _picks(registration, meeting_request, event) -> bool:
    """Whether `registration` picks the time of the meeting of `meeting_request` (no query)."""
    side = event.slot_choice
    if side == "requester":
        return meeting_request.requester_id == registration.pk
    if side == "recipient":
        return meeting_request.recipient_id == registration.pk
    return False


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_request_move(request, pk, to):
    meeting_request = selectors.request_own(request.user, pk)
    if to not in MOVES:
        raise Http404
    event = meeting_request.event
    received = meeting_request.recipient.user_id == request.user.pk
    back = _list_url(event, "received" if received else "sent")
    if not REQUEST.can(request.user, meeting_request, to) or (
        to == RequestStatus.CANCELLED and meeting_request.status != RequestStatus.PENDING
    ):
        messages.error(request, _("This request can no longer be answered or withdrawn."))
        return redirect(back)
    if to != RequestStatus.ACCEPTED and not confirmed(request):
        if to == RequestStatus.CANCELLED:
            question = _("Withdraw your request to %(name)s?") % {
                "name": meeting_request.recipient.display_name
            }
            action = _("Withdraw the request")
        else:
            question = _("Decline the request of %(name)s?") % {
                "name": meeting_request.requester.display_name
            }
            action = REQUEST.moves[to].label
        return ask(
            request,
            question=question,
            consequence=_("This cannot be undone."),
            action=action,
            cancel_url=back,
        )
    if request.method != "POST":
        return redirect(back)
    success = {
        RequestStatus.ACCEPTED: _("The meeting is agreed."),
        RequestStatus.DECLINED: _("The request is declined."),
        RequestStatus.CANCELLED: _("Your request is withdrawn."),
    }[to]
    done = act(
        request,
        lambda: MOVES[to](meeting_request=meeting_request, by=request.user),
        success=success,
    )
    if done and to == RequestStatus.ACCEPTED:
        meeting = done.value
        if event.slot_choice == "recipient":
            return redirect("community:event_slot_pick", pk=meeting.pk)
        return redirect(_list_url(event, "meetings"))
    return redirect(back)


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_slot_pick(request, pk):
    meeting = selectors.meeting_own(request.user, pk)
    event = meeting.event
    back = _list_url(event, "meetings")
    if not can_pick_slot(request.user, meeting):
        messages.error(request, _("You do not choose the time of this meeting."))
        return redirect(back)
    slots = common_free_slots(meeting)
    form = SlotPickForm(request.POST or None, slots=slots)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda slot: placing.meeting_pick(meeting=meeting, slot=slot, by=request.user),
            success=_("The time of the meeting is set."),
            field_codes={"slot"},
        )
        if done:
            return redirect(back)
    request_ = meeting.request
    other = (
        request_.recipient if request_.requester.user_id == request.user.pk else request_.requester
    )
    context = {
        "event": event,
        "meeting": meeting,
        "other": other,
        "form": form,
        "has_slots": slots.exists(),
    }
    return render(request, "community/events/slot_pick.html", context, status=form_status(form))
