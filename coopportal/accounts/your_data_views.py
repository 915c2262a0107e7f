"""Pages of "Your data": ask for the archive of one's data, download it, delete one's account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.exceptions import DomainError
from coopportal.core.http import serve_file

from . import your_data
from .models import DataArchive
from .your_data_forms import AccountEraseForm


@login_required
def your_data_page(request):
    archives = your_data.archives_of(request.user)
    context = {
        "archives": archives,
        "is_preparing": any(a.status == DataArchive.Status.PENDING for a in archives),
        "ready": DataArchive.Status.READY,
    }
    return render(request, "accounts/your_data.html", context)


@login_required
@require_POST
def archive_request(request):
    try:
        your_data.archive_request(user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Your archive is being prepared: you will be notified when it is ready.")
        )
    return redirect("accounts:your_data")


@login_required
def archive_download(request, pk: int):
    archive = (
        DataArchive.objects.filter(
            pk=pk,
            user=request.user,
            status=DataArchive.Status.READY,
            expires_at__gt=timezone.now(),
        )
        .exclude(file="")
        .first()
    )
    if archive is None:
        raise Http404
    name = f"coopportal-data-{archive.ready_at.date().isoformat()}.zip"
    return serve_file(archive.file, filename=name, content_type="application/zip")


@login_required
def account_delete(request):
    form = AccountEraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            your_data.account_erase(user=request.user, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted and your personal data erased."))
            return redirect("/")
    status = 400 if form.errors else 200
    return render(request, "accounts/account_delete.html", {"form": form}, status=status)
