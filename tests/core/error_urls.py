"""A test-only URL conf: the portal's URLs plus views that fail on purpose (400, 403 and 500)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from coopportal.urls import handler403
from coopportal.urls import urlpatterns as portal_urlpatterns


def bad_request(request):
    raise SuspiciousOperation("a test asked for a 400")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a test asked for a 500")


urlpatterns = [
    path("test-errors/400/", bad_request),
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *portal_urlpatterns,
]

__all__ = ["handler403", "urlpatterns"]
