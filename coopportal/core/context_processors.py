from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.accounts import permissions

AREAS = [
    ("workgroups:index", _("Working groups")),
    ("calls:index", _("Funding calls")),
    ("training:index", _("Training")),
    ("matching:index", _("Member matching")),
]


def portal(request):
    """Navigation and role flags for base.html: computed once here, never in templates."""
    user = getattr(request, "user", None)
    path = request.path
    nav = []
    for name, label in AREAS:
        url = reverse(name)
        nav.append({"url": url, "label": label, "active": path.startswith(url)})
    return {
        "nav_areas": nav,
        "portal_languages": settings.LANGUAGES,
        "can_access_admin": permissions.can_access_admin(user),
        "can_access_board": permissions.can_access_board(user),
    }
