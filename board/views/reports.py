"""Reports to the board (board only): the list of the periodic and assembly reports with the form
asking for a report for the general assembly, a report's progress page (htmx polling), its PDF."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from coopportal.core.http import act_on_form, form_status, serve_file

from ..forms.reports import AssemblyReportForm
from ..models import ReportRun
from ..services import reports as report_services
from . import board_required


def _runs():
    return ReportRun.objects.select_related("requested_by")


@board_required
def report_create(request):
    form = AssemblyReportForm(request.POST or None)
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: report_services.assembly_report_start(by=request.user, **data),
            success=_("The report is being prepared."),
        )
    ):
        return redirect("board:report_detail", pk=done.value.pk)
    page = Paginator(_runs().order_by("-created_at", "-pk"), 20).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return render(request, "board/report_list.html", context, status=form_status(form))


@board_required
def report_detail(request, pk):
    run = get_object_or_404(_runs(), pk=pk)
    context = {"run": run, "working": run.is_working}
    if request.htmx:
        return render(request, "board/partials/_report_progress.html", context)
    return render(request, "board/report_detail.html", context)


@board_required
def report_download(request, pk):
    run = get_object_or_404(ReportRun, pk=pk)
    if not run.is_done or not run.file:
        raise Http404(_("This report is not ready."))
    return serve_file(
        run.file, filename=report_services.report_filename(run), content_type="application/pdf"
    )


urlpatterns = [
    path("reports/", report_create, name="report_create"),
    path("reports/<int:pk>/", report_detail, name="report_detail"),
    path("reports/<int:pk>/download/", report_download, name="report_download"),
]
