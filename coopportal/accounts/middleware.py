from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .permissions import must_use_second_factor

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for(request) -> str:
    """The person's chosen language; else the cookie the switcher set; else Italian.

    The browser's Accept-Language is not consulted: the portal speaks Italian first, and a person
    picks English with the switcher (the choice is stored on their account once logged in).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in SUPPORTED:
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in SUPPORTED:
        return cookie
    return settings.LANGUAGE_CODE


class PortalLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecondFactorMiddleware:
    """Staff, board members and superusers without an authenticator app are sent to turn one on
    before any page of the admin or the board area (where they were going is kept in `next`).

    Everything else stays reachable: the two-factor pages themselves, logging out (the portal's,
    and the admin's), the language switcher, static files and the rest of the portal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            messages.warning(
                request,
                _(
                    "To open the administration or the board area, first turn on two-factor "
                    "authentication: scan the QR code with an authenticator app and enter the "
                    "code it shows."
                ),
            )
            next_query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        path = request.path_info
        if not path.startswith((reverse("admin:index"), reverse("board:index"))):
            return False
        if path == reverse("admin:logout"):
            return False
        user = request.user
        return must_use_second_factor(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
