"""The shell's pages: home, dashboard (panels and what waits, from every layer), the 403 page."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext

from coopportal.accounts import permissions, selectors
from coopportal.core.discovery import all_modules
from coopportal.core.waiting import STAFF, Waiting, one_page, sections


def home(request):
    return render(request, "core/home.html")


def _membership_requests(user) -> list[Waiting]:
    if not permissions.is_staff_member(user):
        return []
    count = selectors.pending_membership_request_count()
    label = ngettext(
        "%(count)s membership request to verify", "%(count)s membership requests to verify", count
    ) % {"count": count}
    url = reverse("admin:accounts_membershiprequest_changelist") + "?status__exact=pending"
    return [Waiting(STAFF, label, count, url)]


def _waiting(user, modules) -> list[Waiting]:
    """What waits for this person, from accounts and every app that offers `waiting(user)`."""
    items = _membership_requests(user)
    for module in modules:
        if hasattr(module, "waiting"):
            items += module.waiting(user)
    return items


@login_required
def dashboard(request):
    user = request.user
    modules = list(all_modules("dashboard"))
    with one_page(user):  # an app's panel and its waiting items share their reads
        context = {
            "roles": permissions.role_names(user),
            "is_member": permissions.is_member(user),
            "can_request_membership": permissions.can_request_membership(user),
            "latest_request": selectors.membership_request_list(user=user).first(),
            "panels": [module.panel(request) for module in modules if hasattr(module, "panel")],
            "waiting": sections(_waiting(user, modules)),
        }
    return render(request, "core/dashboard.html", context)


def permission_denied(request, exception=None):
    """handler403: the portal's page, saying what would open the door (log in, membership)."""
    user = request.user
    context = {
        "login_url": (
            redirect_to_login(request.get_full_path()).url if not user.is_authenticated else None
        ),
        "membership_url": (
            reverse("accounts:membership") if permissions.can_request_membership(user) else None
        ),
    }
    return render(request, "403.html", context, status=403)
