"""The event's catalogue (the people registered, with search and filters) and sending a meeting
request. For the people registered and staff; a person not registered to this event, or one
registered to another event, is a 404 when guessed."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.http import act_on_form, form_status, role_required

from ..forms import MeetingRequestForm
from ..selectors import events as selectors
from ..services import requests as services


@role_required(is_authenticated)
@require_GET
def event_catalogue(request, pk):
    event = selectors.event_access(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if not selectors.can_see_catalogue(request.user, registration):
        raise PermissionDenied
    mine = registration if registration is not None and registration.is_registered else None
    filterset, page = selectors.catalogue_page(
        event=event, params=request.GET, page=request.GET.get("page"), exclude=mine
    )
    people = list(page.object_list)
    states = selectors.request_states(mine, [person.pk for person in people])
    context = {
        "event": event,
        "registration": mine,
        "form": filterset.form,
        "filter_errors": [e for errors in filterset.form.errors.values() for e in errors],
        "page": page,
        "rows": [{"person": person, "state": states.get(person.pk, "")} for person in people],
        "can_request": mine is not None and event.registration_open,
    }
    return render(request, "community/events/catalogue.html", context)


@role_required(is_authenticated)
@require_http_methods(["GET", "POST"])
def event_request(request, pk, registration_pk):
    event = selectors.event_access(request.user, pk)
    mine = selectors.registration_of(request.user, event)
    if mine is None or not mine.is_registered:
        raise PermissionDenied
    recipient = selectors.registration_in_event(event, registration_pk)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda message: services.request_send(
                requester=mine, recipient=recipient, message=message, by=request.user
            ),
            success=_("Your request is sent: you will be told when %(name)s answers.")
            % {"name": recipient.display_name},
            field_codes={"message"},
        )
        if done:
            return redirect("community:event_catalogue", pk=event.pk)
    context = {
        "event": event,
        "person": recipient,
        "form": form,
        "state": selectors.request_states(mine, [recipient.pk]).get(recipient.pk, ""),
        "is_self": recipient.pk == mine.pk,
    }
    return render(request, "community/events/request_send.html", context, status=form_status(form))
