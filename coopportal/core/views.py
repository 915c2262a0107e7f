from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from .markdown import render_markdown
from .models import LegalPage


def legal_page(request, kind):
    """The privacy notice or the terms of use, in the person's language (public)."""
    page = get_object_or_404(LegalPage, kind=kind)
    language = get_language()
    context = {
        "page": page,
        "title": page.title_in(language),
        "body": render_markdown(page.body_in(language)),
        "untranslated": not page.translated(language),
    }
    return render(request, "core/legal_page.html", context)


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
