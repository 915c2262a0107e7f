"""The events' list and page, registration and its cancellation, and the person's cooperation
profile at the event. The list and the page are open to everyone (drafts to staff only); the rest
asks for a login. Registering and cancelling ask for a confirmation first."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status, role_required
from coopportal.core.markdown import render_markdown

from ..forms import RegistrationProfileForm
from ..permissions import can_manage_events, can_register, may_take_part
from ..selectors import events as selectors
from ..services import registrations as services
from ..workflows import REGISTRATION

PAGE_SIZE = 20


@require_GET
def event_list(request):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    events = selectors.event_list(user=request.user, when=when)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/events/event_list.html",
        {"when": when, "page": page, "events": page.object_list},
    )


@require_GET
def event_detail(request, pk):
    event = selectors.event_access(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    registered = registration is not None and registration.is_registered
    context = {
        "event": event,
        "description_html": render_markdown(event.description),
        "sessions": selectors.event_sessions(event),
        "registration": registration,
        "registered": registered,
        "counts": selectors.registration_counts(event),
        "can_register": not registered and bool(can_register(request.user, event)),
        "may_take_part": bool(may_take_part(request.user, event)),
        "can_cancel": registered
        and REGISTRATION.can(request.user, registration, registration.Status.CANCELLED)
        and not event.is_past,
        "can_see_catalogue": selectors.can_see_catalogue(request.user, registration),
        "can_manage": bool(can_manage_events(request.user)),
    }
    return render(request, "community/events/event_detail.html", context)


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_register(request, pk):
    event = selectors.event_access(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Register to “%(title)s”?") % {"title": event.title},
            consequence=_(
                "Your profile at the event is prefilled from your member profile: the other "
                "people registered will see it in the event's catalogue. You can change it "
                "until the registration deadline."
            ),
            action=pgettext("event sign-up", "Register"),
            cancel_url=event.get_absolute_url(),
        )
    done = act(
        request,
        lambda: services.registration_create(event=event, by=request.user),
        success=_("You are registered: check your profile for the event and your times."),
    )
    if done:
        return redirect("community:event_profile", pk=event.pk)
    return redirect(event)


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_unregister(request, pk):
    event = selectors.event_access(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None or not registration.is_registered:
        messages.error(request, _("You are not registered to this event."))
        return redirect(event)
    if not confirmed(request):
        return ask(
            request,
            question=_("Cancel your registration to “%(title)s”?") % {"title": event.title},
            consequence=_(
                "Your requests waiting and your meetings at the event end; the other people "
                "see them as cancelled."
            ),
            action=_("Cancel my registration"),
            cancel_url=event.get_absolute_url(),
        )
    act(
        request,
        lambda: services.registration_cancel(registration=registration, by=request.user),
        success=_("Your registration is cancelled."),
    )
    return redirect(event)


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_profile(request, pk):
    event = selectors.event_access(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None or not registration.is_registered:
        messages.error(request, _("Register to the event first."))
        return redirect(event)
    form = RegistrationProfileForm(
        request.POST or None,
        event=event,
        initial=RegistrationProfileForm.initial_for(registration),
    )
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.registration_update(
                registration=registration, by=request.user, **data
            ),
            success=_("Your profile for the event is saved."),
            field_codes={"organisation_name", "available_slots", "offer_tags"},
        )
        if done:
            return redirect(reverse("community:event_catalogue", args=[event.pk]))
    context = {"event": event, "registration": registration, "form": form}
    return render(
        request, "community/events/registration_edit.html", context, status=form_status(form)
    )
