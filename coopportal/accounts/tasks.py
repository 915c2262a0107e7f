"""Celery tasks of accounts: thin wrappers around services, ids in."""

from celery import shared_task

from . import your_data


@shared_task(name="accounts.build_data_archive", acks_late=True)
def build_data_archive(archive_id: int) -> bool:
    """Build one "Download my data" archive (does nothing if it is no longer pending)."""
    return your_data.archive_build(archive_id=archive_id) is not None


@shared_task(name="accounts.purge_retention")
def purge_retention() -> dict:
    """Beat, daily: what the apps keep past its period (RETENTION_* settings) is deleted."""
    return your_data.retention_purge()
