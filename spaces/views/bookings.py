"""Booking a resource, the person's bookings (cancel, confirm an offer, the .ics of each), and
the staff's view of a day with the no-shows. Every change is a POST with its CSRF token; a
refused one says why and writes nothing."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.accounts.permissions import is_staff_member
from coopportal.core.calendar import ics_bytes
from coopportal.core.confirm import ask, confirmed
from coopportal.core.exceptions import DomainError
from coopportal.core.http import act, attachment, form_status, role_required
from coopportal.core.params import parse_id

from .. import permissions
from ..calendar import booking_entry
from ..forms import BookingForm, MarkForm
from ..models import BookingStatus
from ..selectors import bookings as selectors
from ..selectors import spaces as space_selectors
from ..services import bookings as services


def outcome_message(booking) -> str:
    if booking is None:
        return _("Done.")
    if booking.status == BookingStatus.CONFIRMED:
        return _("Booked: %(when)s, %(resource)s.") % {
            "when": services.when(booking.starts_at, booking.ends_at),
            "resource": booking.resource.name,
        }
    if booking.status == BookingStatus.WAITING:
        return _(
            "That time is fully booked: you are on the waiting list, number %(position)s. We "
            "will tell you if a place frees up."
        ) % {"position": services.position(booking)}
    return _("Done.")


@login_required
def booking_create(request, pk):
    resource = space_selectors.resource_get(user=request.user, pk=pk)
    initial = {}
    day = space_selectors.parse_day(request.GET.get("day"), timezone.localdate())
    initial["day"] = day
    if request.GET.get("start"):
        initial["start"] = request.GET["start"][:5]
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, resource=resource, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            starts_at, ends_at = form.times()
            booking = services.booking_create(
                resource=resource, starts_at=starts_at, ends_at=ends_at, by=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, outcome_message(booking))
            return redirect("spaces:my_bookings")
    context = {
        "resource": resource,
        "space": resource.space,
        "form": form,
        "can_book": permissions.can_book(request.user, resource),
        "limited_until": services.limited_until(request.user),
    }
    return render(request, "spaces/booking_form.html", context, status=form_status(form))


@login_required
def my_bookings(request):
    mine = selectors.my_bookings(user=request.user)
    now = timezone.now()
    rows = []
    for booking in mine["upcoming"]:
        rows.append(
            {
                "booking": booking,
                "is_offered": booking.status == BookingStatus.OFFERED,
                "is_waiting": booking.status == BookingStatus.WAITING,
                "can_cancel": booking.status != BookingStatus.CONFIRMED
                or now < services.cancellation_closes_at(booking),
                "position": booking.position,
            }
        )
    context = {
        "rows": rows,
        "past": mine["past"],
        "limited_until": services.limited_until(request.user),
    }
    return render(request, "spaces/my_bookings.html", context)


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = selectors.booking_own_get(user=request.user, pk=pk)
    back = reverse("spaces:my_bookings")
    if not confirmed(request):
        return ask(
            request,
            question=_("Cancel your booking of %(resource)s, %(when)s?")
            % {
                "resource": booking.resource.name,
                "when": services.when(booking.starts_at, booking.ends_at),
            },
            consequence=_("The place goes to the next person on the waiting list, if any."),
            action=_("Yes, cancel the booking"),
            cancel_url=back,
        )
    act(
        request,
        lambda: services.booking_cancel(booking=booking, by=request.user),
        success=_("Your booking is cancelled."),
    )
    return redirect(back)


@login_required
@require_POST
def booking_confirm(request, pk):
    booking = selectors.booking_own_get(user=request.user, pk=pk)
    outcome = act(
        request, lambda: services.booking_confirm(booking=booking, by=request.user), success=None
    )
    if outcome:
        messages.success(request, outcome_message(outcome.value))
    return redirect("spaces:my_bookings")


@login_required
def booking_ics(request, pk):
    booking = selectors.booking_own_get(user=request.user, pk=pk)
    base_url = request.build_absolute_uri("/").rstrip("/")
    entry = booking_entry(booking, base_url=base_url, host=request.get_host())
    response = HttpResponse(
        ics_bytes([entry], name=booking.resource.space.name),
        content_type="text/calendar; charset=utf-8",
    )
    return attachment(response, f"prenotazione-{booking.pk}.ics")


@role_required(is_staff_member)
def staff_day(request):
    day = space_selectors.parse_day(request.GET.get("day"), timezone.localdate())
    spaces = selectors.spaces_for_filter()
    wanted = parse_id(request.GET.get("space"))
    space = next((s for s in spaces if s.pk == wanted), None)
    now = timezone.now()
    rows = [
        {
            "booking": b,
            "can_mark": b.starts_at <= now and b.status in services.MARKABLE,
            "is_no_show": b.status == BookingStatus.NO_SHOW,
            "is_attended": b.status == BookingStatus.ATTENDED,
        }
        for b in selectors.day_bookings(day=day, space=space)
    ]
    context = {
        "day": day,
        "spaces": spaces,
        "space": space,
        "rows": rows,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
    }
    return render(request, "spaces/staff_day.html", context)


@role_required(is_staff_member)
@require_POST
def booking_mark(request, pk):
    booking = selectors.booking_staff_get(user=request.user, pk=pk)
    form = MarkForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.booking_mark(
                booking=booking, by=request.user, to=form.cleaned_data["to"]
            ),
            success=_("Marked."),
        )
    else:
        messages.error(request, _("Choose attended or no-show."))
    local = timezone.localtime(booking.starts_at)
    return redirect(reverse("spaces:staff_day") + f"?day={local.date().isoformat()}")
