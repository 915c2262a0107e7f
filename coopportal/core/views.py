from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.views.decorators.cache import never_cache

from coopportal.accounts import permissions, selectors

from .discovery import all_modules
from .markdown import render_markdown
from .models import LegalPage
from .waiting import STAFF, Waiting, sections


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
    context = {
        "roles": permissions.role_names(user),
        "is_member": permissions.is_member(user),
        "can_request_membership": permissions.can_request_membership(user),
        "latest_request": selectors.membership_request_list(user=user).first(),
        "panels": [module.panel(request) for module in modules if hasattr(module, "panel")],
        "waiting": sections(_waiting(user, modules)),
    }
    return render(request, "core/dashboard.html", context)


def legal_page(request, kind):
    """The privacy notice or the terms of use, in the person's language (public)."""
    page = get_object_or_404(LegalPage, kind=kind)
    language = get_language()
    context = {
        "page": page,
        "title": page.title_in(language),
        "body": render_markdown(page.body_in(language)),
    }
    return render(request, "core/legal_page.html", context)


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


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token (expired page, blocked cookies)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _redis_ok(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the portal's icon."""
    return HttpResponseRedirect(static("favicon.svg"))


@never_cache
def healthz(request):
    """Liveness for load balancers: the database and, when configured, Redis. 200 or 503."""
    checks = {"database": "ok" if _database_ok() else "error"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ok(settings.REDIS_URL) else "error"
    else:
        checks["redis"] = "not configured"
    healthy = all(value != "error" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
