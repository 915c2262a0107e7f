"""Writes to the catalogue: a call's dates and status kept from its deadlines, the beat job that
opens and closes calls as time passes, and staff's curation (what an import must then leave)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh

from ..models import CallStatus, FundingCall
from ..models.catalogue import status_for
from ..selectors.catalogue import catalogue_changed


def call_dates_refresh(*, call: FundingCall, now=None) -> bool:
    """Keep the call's next and last deadline, internal deadline and status from its dates and
    deadlines; returns True when the call has just become open (for the first time), which the
    caller announces (`call_announce`) after the commit."""
    now = now or timezone.now()
    deadlines = list(call.deadlines.values_list("closes_at", flat=True).order_by("closes_at"))
    upcoming = [d for d in deadlines if d > now]
    call.next_deadline_at = upcoming[0] if upcoming else (deadlines[-1] if deadlines else None)
    call.last_deadline_at = deadlines[-1] if deadlines else None
    call.internal_deadline_at = call.internal_deadline_for(upcoming[0]) if upcoming else None
    status = status_for(opens_at=call.opens_at, last_deadline_at=call.last_deadline_at, now=now)
    first_opening = status == CallStatus.OPEN and call.opened_at is None
    if first_opening:
        call.opened_at = now
    call.status = status
    FundingCall.objects.filter(pk=call.pk).update(
        next_deadline_at=call.next_deadline_at,
        last_deadline_at=call.last_deadline_at,
        internal_deadline_at=call.internal_deadline_at,
        status=call.status,
        opened_at=call.opened_at,
    )
    catalogue_changed()  # an update sends no signal (calls.signals)
    return first_opening and call.is_published


def call_text_refresh(*, call: FundingCall) -> None:
    """Store the call's search vector (after its text changed)."""
    vector_refresh(FundingCall.objects.filter(pk=call.pk), FundingCall.SEARCH_VECTOR)
    catalogue_changed()


def calls_due_for_refresh(now=None):
    """The calls whose stored dates or status the clock has overtaken: forthcoming calls whose
    opening passed, calls whose next deadline passed (the status may stay open: a later cut-off)."""
    now = now or timezone.now()
    return FundingCall.objects.filter(
        Q(status=CallStatus.FORTHCOMING, opens_at__lte=now)
        | Q(status=CallStatus.OPEN, next_deadline_at__lte=now)
        | Q(status=CallStatus.OPEN, opens_at__gt=now)
    )


@transaction.atomic
def call_refresh(*, call_id: int, now=None) -> bool:
    """One call's dates and status, refreshed on its locked row; True when it has just opened."""
    call = FundingCall.objects.select_for_update().filter(pk=call_id).first()
    if call is None:
        return False
    before = call.status
    opened = call_dates_refresh(call=call, now=now)
    if call.status != before:
        log_action(target=call, action="calls.call.status", **{"from": before, "to": call.status})
    return opened


def call_curated_mark(*, call: FundingCall, fields, by) -> list[str]:
    """Staff changed `fields` of an imported call: they join its curated fields, which imports
    leave as staff wrote them. Returns the curated fields."""
    curated = sorted(set(call.curated_fields) | (set(fields) & set(FundingCall.CURATABLE)))
    if call.source != "manual" and curated != sorted(call.curated_fields):
        call.curated_fields = curated
        FundingCall.objects.filter(pk=call.pk).update(curated_fields=curated)
        log_action(target=call, by=by, action="calls.call.curated", fields=curated)
    return curated
