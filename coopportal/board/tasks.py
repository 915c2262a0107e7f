"""Celery tasks of the board area: thin wrappers around services, ids in."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def build_export(job_id: int) -> str | None:
    """Build one export's file (does nothing if it is already done)."""
    job = services.export_build(job_id=job_id)
    return job.status if job else None


@shared_task
def purge_exports() -> int:
    """Beat, hourly: delete the export files kept past BOARD_EXPORT_KEEP_HOURS."""
    return services.exports_purge()
