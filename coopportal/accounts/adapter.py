from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call the site ("Hello from {{ current_site.name }}!"): the portal's
    name and the host of SITE_URL, never the host:port the request happened to reach."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=_("Coop Portal"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.language = (get_language() or "it")[:2]
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        return super().send_mail(template_prefix, email, {"current_site": portal_site(), **context})
