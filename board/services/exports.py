"""Writes of the board area."""

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopportal.core.exceptions import DomainError

from .. import exports, permissions, selectors
from ..filters import RecommendationFilter
from ..models import ExportJob
from ..workflows import EXPORT_JOB

logger = logging.getLogger(__name__)

# Exports --------------------------------------------------------------------------------


def export_filterset(filters: dict) -> RecommendationFilter:
    """The dashboard's filters applied to the recommendations (the same GET parameters)."""
    return RecommendationFilter(filters or None, queryset=selectors.recommendation_list())


def export_queryset(filters: dict):
    """The filtered recommendations; bad filters are refused (never a silently wider export)."""
    filterset = export_filterset(filters)
    if filterset.is_bound and not filterset.form.is_valid():
        errors = "; ".join(
            f"{filterset.form.fields[name].label}: {' '.join(messages)}"
            for name, messages in filterset.form.errors.items()
        )
        raise DomainError(_("These filters are not valid: %(errors)s") % {"errors": errors})
    return filterset.qs


def export_title(filters: dict) -> str:
    return _("Recommendations to the board")


def export_start(*, by, format, filters) -> ExportJob | None:
    """Start an export. None when it is small enough to answer at once (the view streams it);
    otherwise a pending ExportJob built by Celery after commit."""
    from ..tasks import build_export

    if not permissions.can_download_export(by):
        raise DomainError(_("Only the board can export the recommendations."), code="forbidden")
    if format not in ExportJob.Format.values:
        raise DomainError(_("Unknown export format."))
    count = export_queryset(filters).count()
    limit = settings.BOARD_EXPORT_ASYNC_ABOVE
    if format == ExportJob.Format.PDF:  # a second of layout per few pages: Celery sooner
        limit = min(limit, settings.BOARD_EXPORT_PDF_ASYNC_ABOVE)
    if count <= limit:
        return None
    job = ExportJob.objects.create(
        format=format, filters=dict(filters), total=count, requested_by=by
    )
    build_export.delay_on_commit(job.pk)
    return job


def _build_file(job, path: Path, progress) -> int:
    queryset = export_queryset(job.filters)
    if job.format == ExportJob.Format.CSV:
        with path.open("w", encoding="utf-8", newline="") as out:
            return exports.write_csv(exports.export_rows(queryset), out, progress=progress)
    if job.format == ExportJob.Format.XLSX:
        return exports.write_xlsx(queryset, path, progress=progress)
    filterset = export_filterset(job.filters)
    return exports.write_dossier(
        str(path),
        queryset,
        title=export_title(job.filters),
        filters=exports.describe_filters(filterset),
        progress=progress,
    )


def export_build(*, job_id) -> ExportJob | None:
    """Build the file of a job (the Celery task). A job already done is left as it is; a job left
    running by a worker that died is built again from the start."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or ExportJob.Status.RUNNING not in EXPORT_JOB.targets(job):
            return job  # done: left as it is
        job.status, job.done_rows, job.error = ExportJob.Status.RUNNING, 0, ""
        job.save(update_fields=["status", "done_rows", "error", "updated_at"])

    def progress(done):
        ExportJob.objects.filter(pk=job.pk).update(done_rows=min(done, job.total))

    language = getattr(job.requested_by, "language", None) or settings.LANGUAGE_CODE
    name = f"raccomandazioni-{job.pk}.{job.format}"
    try:
        with translation.override(language), tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            rows = _build_file(job, path, progress)
            if job.file:
                job.file.delete(save=False)
            with path.open("rb") as handle:
                job.file.save(name, File(handle), save=False)
    except Exception as exc:  # any failure is shown on the progress page
        logger.exception("Board export %s failed", job.pk)
        _remove_partial_file(job, name)
        job.status, job.error = ExportJob.Status.FAILED, str(exc)[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "file", "finished_at", "updated_at"])
        return job
    now = timezone.now()
    job.status, job.total, job.done_rows = ExportJob.Status.DONE, rows, rows
    job.finished_at = now
    job.expires_at = now + timedelta(hours=settings.BOARD_EXPORT_KEEP_HOURS)
    job.save(
        update_fields=[
            "status", "total", "done_rows", "file", "finished_at", "expires_at", "updated_at"
        ]
    )  # fmt: skip
    return job


def _remove_partial_file(job, name) -> None:
    """A storage write that failed midway (the disk full) leaves what it wrote: remove it, so
    nothing half-written is kept or served."""
    storage = job.file.storage
    partial = {job.file.field.generate_filename(job, name)}
    if job.file:
        partial.add(job.file.name)
    for candidate in partial:
        if storage.exists(candidate):
            storage.delete(candidate)
    job.file = ""


def exports_purge() -> int:
    """Delete the files and jobs past their time (and failed or stuck jobs as old)."""
    now = timezone.now()
    stale = now - timedelta(hours=settings.BOARD_EXPORT_KEEP_HOURS)
    expired = ExportJob.objects.filter(expires_at__lte=now) | ExportJob.objects.filter(
        expires_at__isnull=True, created_at__lte=stale
    )
    count = 0
    for job in expired.iterator(chunk_size=200):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
