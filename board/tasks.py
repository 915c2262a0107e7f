"""Celery tasks of the board area: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from . import services
from .services import meetings as meeting_services
from .services import reports as report_services


@shared_task(name="board.build_export", acks_late=True)
def build_export(job_id: int) -> str | None:
    """Build one export's file (does nothing if it is already done)."""
    job = services.export_build(job_id=job_id)
    return job.status if job else None


@shared_task(name="board.purge_exports")
def purge_exports() -> int:
    """Beat, hourly: delete the export files kept past BOARD_EXPORT_KEEP_HOURS."""
    return services.exports_purge()


@shared_task(name="board.send_follow_up_reminders")
def send_follow_up_reminders() -> int:
    """Beat, daily: one small task per agenda entry whose follow-up date has come."""
    return fan_out(send_follow_up_reminder, meeting_services.follow_ups_due())


@shared_task(name="board.send_follow_up_reminder", acks_late=True)
def send_follow_up_reminder(entry_id: int) -> bool:
    """Remind the board of one decision's follow-up (once: does nothing if already sent)."""
    return meeting_services.follow_up_remind(entry_id=entry_id)


@shared_task(name="board.send_periodic_report")
def send_periodic_report() -> int | None:
    """Beat, monthly by default: the report of the last period, e-mailed to every board member
    with the PDF dossier attached (once per period, however often beat fires)."""
    run = report_services.periodic_report_start()
    return run.pk if run else None


@shared_task(
    name="board.build_report",
    acks_late=True,
    autoretry_for=report_services.RETRYABLE,
    retry_backoff=60,
    retry_kwargs={"max_retries": 5},
)
def build_report(run_id: int) -> str | None:
    """Build one report's PDF and, for the periodic one, e-mail it (idempotent: a retry after an
    SMTP or database failure goes on from what is saved, 1, 2, 4… minutes later)."""
    run = report_services.report_build(run_id=run_id)
    return run.status if run else None
