"""The benchmark's baselines and query counter, used only under coopportal.settings.bench.

- `application`: the WSGI entry point of the bench's gunicorn. `BARE_PATH` is answered here,
  before Django (no middleware, no URL resolution): the floor of what one request costs on this
  server. Every other path goes to the portal.
- `ceiling`: the same tiny answer as a Django view, behind the whole middleware stack (sessions,
  authentication, CSRF, CSP, …), requested with a logged-in session: the fastest any page can be.
- `QueryCountMiddleware`: every response says how many SQL queries it took (`X-Bench-Queries`).

urls.py routes `CEILING_PATH` only when `settings.BENCH_VIEWS` is true (the bench settings):
under any other settings both paths are the portal's 404.
"""

from django.db import connection
from django.http import HttpResponse

BARE_PATH = "/__bench/bare"
CEILING_PATH = "__bench/ceiling"
BODY = b"ok\n"
QUERIES_HEADER = "X-Bench-Queries"


def ceiling(request):
    return HttpResponse(BODY, content_type="text/plain")


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[QUERIES_HEADER] = str(count)
        return response


def _django_application():
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    django_app = get_wsgi_application()
    if not getattr(settings, "BENCH_VIEWS", False):
        raise RuntimeError("coopportal.core.bench serves only with coopportal.settings.bench")
    return django_app


def make_application():
    django_app = _django_application()

    def application(environ, start_response):
        if environ.get("PATH_INFO") == BARE_PATH:
            start_response(
                "200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))]
            )
            return [BODY]
        return django_app(environ, start_response)

    return application
