from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopportal.accounts import permissions

AREAS = [
    ("workgroups:index", _("Working groups")),
    # short in the bar: with every area and the role links it must fit one line at 1200 px
    ("calls:index", pgettext_lazy("main navigation", "Funding calls")),
    ("training:index", _("Training")),
    ("matching:index", _("Member matching")),
    ("community:index", _("Community")),
]


def _link(url, label, path):
    return {"url": url, "label": label, "active": path.startswith(url)}


def portal(request):
    """Navigation and role flags for base.html: computed once here, never in templates."""
    user = getattr(request, "user", None)
    path = request.path
    can_access_admin = permissions.can_access_admin(user)
    can_access_board = permissions.can_access_board(user)
    # The areas of one's role, in the navigation bar beside everyone's areas.
    role_links = []
    if can_access_board:
        role_links.append(_link(reverse("board:index"), _("Board area"), path))
    if can_access_admin:
        role_links.append(_link(reverse("admin:index"), _("Administration"), path))
    return {
        "nav_areas": [_link(reverse(name), label, path) for name, label in AREAS],
        "nav_role_links": role_links,
        "portal_languages": settings.LANGUAGES,
        "can_access_admin": can_access_admin,
        "can_access_board": can_access_board,
    }
