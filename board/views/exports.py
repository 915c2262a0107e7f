"""Exports of the filtered recommendations: small ones answer at once (CSV streamed), large ones
run in Celery with a progress page and a download link kept for a while (board only)."""

import io

from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.exceptions import DomainError
from coopportal.core.http import attachment, serve_file

from .. import exports, services
from ..models import ExportJob
from . import board_required

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _filters(request) -> dict:
    return {key: value for key, value in request.GET.items() if key != "page" and value != ""}


def _answer_now(format, filters):
    queryset = services.export_queryset(filters)
    filename = f"raccomandazioni-{timezone.localdate():%Y%m%d}.{format}"
    if format == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(exports.export_rows(queryset)), content_type=CONTENT_TYPES["csv"]
        )
        return attachment(response, filename)
    if format == "xlsx":
        buffer = io.BytesIO()
        exports.write_xlsx(queryset, buffer)
        data = buffer.getvalue()
    else:
        data = exports.render_dossier(
            queryset,
            title=services.export_title(filters),
            filters=exports.describe_filters(services.export_filterset(filters)),
        )
    return attachment(HttpResponse(data, content_type=CONTENT_TYPES[format]), filename)


@board_required
def export_start(request, format):
    if format not in ExportJob.Format.values:
        raise Http404
    filters = _filters(request)
    try:
        job = services.export_start(by=request.user, format=format, filters=filters)
        if job is None:
            return _answer_now(format, filters)
    except DomainError as exc:
        return HttpResponseBadRequest(exc.message, content_type="text/plain; charset=utf-8")
    return redirect("board:export_detail", pk=job.pk)


def _job(pk):
    return get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=pk)


@board_required
def export_detail(request, pk):
    job = _job(pk)
    context = {
        "job": job,
        "expired": job.expires_at is not None and job.expires_at <= timezone.now(),
        "working": job.is_working,
    }
    if request.htmx:
        return render(request, "board/partials/_export_progress.html", context)
    return render(request, "board/export_detail.html", context)


@board_required
def export_download(request, pk):
    job = _job(pk)
    expired = job.expires_at is None or job.expires_at <= timezone.now()
    if not job.is_done or expired or not job.file:
        raise Http404(_("This export is no longer available."))
    return serve_file(job.file, filename=job.file.name, content_type=CONTENT_TYPES[job.format])


urlpatterns = [
    path("export/<str:format>/", export_start, name="export_start"),
    path("exports/<int:pk>/", export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", export_download, name="export_download"),
]
