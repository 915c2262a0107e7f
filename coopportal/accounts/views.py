from allauth.account.decorators import secure_admin_login
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, selectors, services
from .exceptions import MembershipError
from .forms import LanguageForm, MembershipRequestForm, ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user, by=request.user, **{f: form.cleaned_data[f] for f in form.fields}
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def membership(request):
    user = request.user
    can_request = permissions.can_request_membership(user)
    form = MembershipRequestForm(request.POST or None) if can_request else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("You cannot request membership verification now."))
            return redirect("accounts:membership")
        if form.is_valid():
            try:
                services.membership_request_submit(user=user, **form.cleaned_data)
            except MembershipError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Thank you: staff will verify your membership and let you know.")
                )
                return redirect("accounts:membership")
    context = {
        "form": form,
        "requests": selectors.membership_request_list(user=user),
        "is_member": permissions.is_member(user),
    }
    return render(
        request, "accounts/membership.html", context, status=400 if form and form.errors else 200
    )


@require_POST
def set_language(request):
    """The language switcher: remembered on the account when logged in, and in a cookie."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.user_update_profile(user=request.user, by=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


@secure_admin_login
def admin_login(request, extra_context=None):
    """The admin's login: the portal's login (allauth: rate limits, second factor) for visitors;
    staff already logged in go on to where they were going. It never checks a password itself.
    """
    return redirect(get_next_redirect_url(request) or reverse("admin:index"))


MFA_NEXT_SESSION_KEY = "accounts.mfa_next"


class PortalActivateTOTPView(ActivateTOTPView):
    """allauth's activation of an authenticator app, remembering where the person was going
    (`next`, e.g. the admin): the recovery codes shown next offer to continue there."""

    def get(self, request, *args, **kwargs):
        request.session[MFA_NEXT_SESSION_KEY] = get_next_redirect_url(request)
        return super().get(request, *args, **kwargs)

    def get_success_url(self):
        url = super().get_success_url()
        next_url = self.request.session.pop(MFA_NEXT_SESSION_KEY, None)
        if not next_url:
            return url
        if url == reverse("mfa_view_recovery_codes"):
            return f"{url}?{urlencode({'next': next_url})}"
        return next_url


class PortalRecoveryCodesView(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "next_url": get_next_redirect_url(self.request),
        }


activate_totp = PortalActivateTOTPView.as_view()
view_recovery_codes = PortalRecoveryCodesView.as_view()
