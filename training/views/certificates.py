"""A certificate's download (its holder and staff) and its public verification."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from coopportal.core.http import attachment

from .. import permissions
from ..forms_attendance import VerifyForm
from ..services import certificates as services


@login_required
def certificate_download(request, code):
    certificate = services.certificate_find(code)
    if certificate is None:
        raise Http404
    is_staff = permissions.can_manage_training(request.user)
    is_holder = certificate.user_id == request.user.pk and not certificate.is_revoked
    if not (is_holder or is_staff):
        raise Http404
    pdf = services.certificate_pdf(certificate, get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return attachment(response, f"attestato-{certificate.code}.pdf")


def certificate_verify(request, code):
    certificate = services.certificate_find(code)
    if certificate is None:
        form = VerifyForm(initial={"code": code[:20]})
        return render(
            request,
            "training/certificate_verify_form.html",
            {"form": form, "not_found": True},
            status=404,
        )
    return render(request, "training/certificate_verify.html", {"certificate": certificate})


def certificate_verify_form(request):
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        certificate = services.certificate_find(form.cleaned_data["code"])
        if certificate is not None:
            return redirect(certificate.get_verify_url())
        return render(
            request,
            "training/certificate_verify_form.html",
            {"form": form, "not_found": True},
            status=404,
        )
    status = 400 if form.is_bound else 200
    return render(request, "training/certificate_verify_form.html", {"form": form}, status=status)
