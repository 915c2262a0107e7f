"""Contact requests, blocks and reports: the member's pages (members and staff only). Every change
is a POST; declining, withdrawing, blocking and unblocking ask for a confirmation first; a request
that is not yours, like a missing one, is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status, role_required
from coopportal.core.ratelimit import limit_writes

from ..forms_contacts import ContactForm, ReportForm
from ..models import ContactRequest
from ..permissions import can_use_matching
from ..selectors import contacts as selectors
from ..selectors.profiles import profile_access
from ..services import contacts as services
from ..workflows import CONTACT

Status = ContactRequest.Status
PAGE_SIZE = 20
MOVES = {
    Status.ACCEPTED: services.contact_accept,
    Status.DECLINED: services.contact_decline,
    Status.WITHDRAWN: services.contact_withdraw,
}


def _list_url(tab):
    return f"{reverse('matching:contact_list')}?tab={tab}"


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
@limit_writes("contacts")
def contact_send(request, pk):
    profile = profile_access(request.user, pk)
    call, action = selectors.contact_origin(
        request.user, call=request.GET.get("call"), action=request.GET.get("action")
    )
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda message: services.contact_send(
                sender=request.user,
                recipient_profile=profile,
                message=message,
                call=call,
                action=action,
            ),
            success=_("Your request is sent: you will be told when %(name)s answers.")
            % {"name": profile.display_name},
            field_codes={"message"},
        )
        if done:
            return redirect(profile)
    context = {
        "profile": profile,
        "form": form,
        "contact": selectors.contact_state(request.user, profile),
        "call": call,
        "action": action,
    }
    return render(request, "matching/contact_send.html", context, status=form_status(form))


@role_required(can_use_matching)
def contact_list(request):
    tab = request.GET.get("tab")
    if tab not in selectors.TABS:
        tab = "received"
    if tab == "blocked":
        rows = selectors.blocked_list(request.user)
    else:
        rows = selectors.contact_list(request.user, tab)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "tab": tab,
        "counts": selectors.contact_tab_counts(request.user),
        "page": page,
        "rows": page.object_list
        if tab == "blocked"
        else selectors.contact_rows(request.user, page.object_list),
    }
    return render(request, "matching/contact_list.html", context)


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
def contact_move(request, pk, to):
    contact = selectors.contact_own(request.user, pk)
    if to not in MOVES:
        raise Http404
    back = _list_url("sent" if contact.sender_id == request.user.pk else "received")
    if not CONTACT.can(request.user, contact, to):
        messages.error(request, _("This request can no longer be answered or withdrawn."))
        return redirect(back)
    if to != Status.ACCEPTED and not confirmed(request):
        other = contact.recipient if to == Status.WITHDRAWN else contact.sender
        return ask(
            request,
            question=(
                _("Withdraw your request to %(name)s?")
                if to == Status.WITHDRAWN
                else _("Decline the request of %(name)s?")
            )
            % {"name": other.display_name},
            consequence=_("Your contact details stay private; this cannot be undone."),
            action=CONTACT.moves[to].label,
            cancel_url=back,
        )
    if request.method != "POST":
        return redirect(back)
    success = {
        Status.ACCEPTED: _("You are in contact: you now see each other's contact details."),
        Status.DECLINED: _("The request is declined."),
        Status.WITHDRAWN: _("Your request is withdrawn."),
    }[to]
    done = act(request, lambda: MOVES[to](contact=contact, by=request.user), success=success)
    return redirect(_list_url("contacts") if done and to == Status.ACCEPTED else back)


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
def block(request, pk):
    profile = profile_access(request.user, pk)
    if profile.user_id == request.user.pk:
        messages.error(request, _("You cannot block yourself."))
        return redirect(profile)
    if not confirmed(request):
        return ask(
            request,
            question=_("Block %(name)s?") % {"name": profile.display_name},
            consequence=_(
                "You will no longer find or contact each other; the requests waiting between "
                "you end. The person is not told. You can unblock them later."
            ),
            action=_("Block"),
            cancel_url=profile.get_absolute_url(),
        )
    done = act(
        request,
        lambda: services.block_person(by=request.user, profile=profile),
        success=_("%(name)s is blocked.") % {"name": profile.display_name},
    )
    return redirect(_list_url("blocked") if done else profile.get_absolute_url())


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
def unblock(request, pk):
    profile = selectors.profile_blocked_by(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Unblock %(name)s?") % {"name": profile.display_name},
            consequence=_("You will be able to find and contact each other again."),
            action=_("Unblock"),
            cancel_url=_list_url("blocked"),
        )
    act(
        request,
        lambda: services.unblock_person(by=request.user, profile=profile),
        success=_("%(name)s is no longer blocked.") % {"name": profile.display_name},
    )
    return redirect(_list_url("blocked"))


def _report(request, *, subject, back, **about):
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda reason: services.report_make(by=request.user, reason=reason, **about),
            success=_("Thank you: staff will look at your report."),
            field_codes={"reason"},
        )
        if done:
            return redirect(back)
    context = {"form": form, "subject": subject, "back": back}
    return render(request, "matching/report_form.html", context, status=form_status(form))


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
def report_profile(request, pk):
    profile = profile_access(request.user, pk)
    subject = _("the profile of %(name)s") % {"name": profile.display_name}
    return _report(request, subject=subject, back=profile.get_absolute_url(), profile=profile)


@role_required(can_use_matching)
@require_http_methods(["GET", "POST"])
def report_contact(request, pk):
    contact = selectors.contact_own(request.user, pk)
    if contact.recipient_id != request.user.pk:  # one reports the messages one received
        raise Http404
    subject = _("the message of %(name)s") % {"name": contact.sender.display_name}
    back = _list_url("past" if contact.status != Status.PENDING else "received")
    return _report(request, subject=subject, back=back, contact=contact)
