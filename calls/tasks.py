"""Celery tasks of funding calls: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from .services import catalogue, follows


@shared_task(name="calls.run_import", acks_late=True)
def run_import(import_id: int) -> str:
    """One import staff started in the admin: the file it kept, then the calls that opened are
    announced and the staff member is told."""
    from .models import ImportRun
    from .services.imports import import_run_execute

    run = import_run_execute(run=ImportRun.objects.get(pk=import_id))
    for call_id in run.opened_ids:
        announce_call.delay_on_commit(call_id)
    return run.status


@shared_task(name="calls.refresh_call", acks_late=True)
def refresh_call(call_id: int) -> bool:
    """One call's dates and status; a call that has just opened is announced."""
    opened = catalogue.call_refresh(call_id=call_id)
    if opened:
        announce_call.delay_on_commit(call_id)
    return opened


@shared_task(name="calls.refresh_statuses")
def refresh_statuses() -> int:
    """Beat, every 15 minutes: one small task per call whose opening or deadline has passed."""
    return fan_out(refresh_call, catalogue.calls_due_for_refresh().values_list("pk", flat=True))


@shared_task(name="calls.announce_call", acks_late=True)
def announce_call(call_id: int) -> int:
    """Tell the people whose saved searches match a new or newly opened call."""
    from .selectors.catalogue import call_queryset_for

    return follows.call_announce(call_id=call_id, queryset_for=call_queryset_for)


@shared_task(name="calls.send_call_reminders", acks_late=True)
def send_call_reminders(call_id: int) -> int:
    """Remind one call's followers of its internal deadline (each step once)."""
    return follows.call_send_reminders(call_id=call_id)


@shared_task(name="calls.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Beat, hourly: one small task per call with a follower due a reminder."""
    ids = follows.calls_needing_reminders().values_list("pk", flat=True)
    return fan_out(send_call_reminders, ids)
