from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import registry, selectors, services
from .emails import read_unsubscribe_token
from .forms import PreferencesForm

PAGE_SIZE = 20


@login_required
def notification_list(request):
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


def _read_own(request, pk):
    """The person's own notification, marked as read; anyone else's is a 404."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    return services.notification_mark_read(notification=notification, by=request.user)


@login_required
def notification_open(request, pk):
    """Mark as read and go to what the notification is about."""
    notification = _read_own(request, pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "notifications:list"
    return redirect(target)


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = _read_own(request, pk)
    if request.htmx:
        return render(
            request, "notifications/partials/_notification.html", {"notification": notification}
        )
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.notification_mark_all_read(by=request.user)
    if request.htmx:
        response = render(request, "notifications/partials/_all_read.html", {"count": count})
        response["HX-Refresh"] = "true"
        return response
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    rows = selectors.preferences_for(user=request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if form.is_valid():
            services.preferences_set(user=request.user, channels=form.cleaned_data)
            messages.success(request, _("Your notification preferences have been saved."))
            return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST here without a session; the signed token is the proof
def unsubscribe(request, token):
    try:
        user_id, kind = read_unsubscribe_token(token)
        user = get_user_model().objects.get(pk=user_id, is_active=True)
        label = _("all e-mails") if kind == services.ALL_KINDS else registry.get(kind).label
    except (signing.BadSignature, get_user_model().DoesNotExist, registry.UnknownKind):
        return HttpResponseBadRequest(
            render(request, "notifications/unsubscribe_invalid.html").content
        )
    context = {"label": label, "token": token, "done": False}
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
