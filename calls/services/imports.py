"""Imports into the catalogue, idempotent: the source's own id is the key. A record equal to the
last import (its fingerprint) is left alone; a changed one updates the call, except the fields staff
curated; a new one is created. Each record is written in its own savepoint, so a refused or broken
record never stops the others; the run keeps its counts, its progress and each refusal's reason.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.models import Province, Region, Sector
from coopportal.core.audit import log_action

from ..importers import READERS, ImportFileError, Refused
from ..models import Beneficiary, CallDeadline, FundingCall, ImportRun
from .catalogue import call_dates_refresh, call_text_refresh

PROGRESS_EVERY = 25
SIMPLE = (
    "title",
    "funder",
    "funder_type",
    "link",
    "summary",
    "body",
    "aid_form",
    "min_amount",
    "max_amount",
    "total_budget",
    "cofinancing_rate",
    "opens_at",
    "all_sectors",
    "whole_italy",
    "abroad",
)
RAW = (
    "min_amount_raw",
    "max_amount_raw",
    "total_budget_raw",
    "cofinancing_raw",
    "sectors_raw",
    "territory_raw",
    "beneficiaries_raw",
)
SIZES = ("micro", "small", "medium", "large")


class References:
    """The reference rows, read once per run: codes → rows."""

    def __init__(self):
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.regions = {r.code: r for r in Region.objects.all()}
        self.provinces = {p.sigla: p for p in Province.objects.all()}
        self.beneficiaries = {b.code: b for b in Beneficiary.objects.all()}

    def rows(self, record, name, table, label):
        codes = getattr(record, name)
        unknown = [code for code in codes if code not in table]
        if unknown:
            raise Refused(
                _("Unknown %(what)s: %(codes)s") % {"what": label, "codes": ", ".join(unknown)},
                source_id=record.source_id,
                title=record.title,
            )
        return [table[code] for code in codes]


def _write(call, record, refs, *, curated) -> None:
    for name in SIMPLE:
        if name not in curated:
            setattr(call, name, getattr(record, name))
    for name in RAW:
        setattr(call, name, getattr(record, name))
    for size in SIZES:
        if f"size_{size}" not in curated:
            setattr(call, f"size_{size}", size in record.sizes)
    call.source_updated_at = record.source_updated_at
    call.source_data = record.raw
    call.source_hash = record.fingerprint()
    call.slug = ""  # from the title, again
    call.save()
    related = {
        "sectors": refs.rows(record, "sectors", refs.sectors, _("sector")),
        "regions": refs.rows(record, "regions", refs.regions, _("region")),
        "provinces": refs.rows(record, "provinces", refs.provinces, _("province")),
        "beneficiaries": refs.rows(record, "beneficiaries", refs.beneficiaries, _("beneficiary")),
    }
    for name, rows in related.items():
        if name not in curated:
            getattr(call, name).set(rows)
    wanted = dict(record.deadlines)
    call.deadlines.exclude(closes_at__in=list(wanted)).delete()
    have = {d.closes_at: d for d in call.deadlines.all()}
    for closes, label in wanted.items():
        if closes not in have:
            CallDeadline.objects.create(call=call, closes_at=closes, label=label[:200])
        elif have[closes].label != label:
            CallDeadline.objects.filter(pk=have[closes].pk).update(label=label[:200])


def import_record(record, *, source, refs, by=None) -> tuple[str, FundingCall, bool]:
    """("created" | "updated" | "unchanged", the call, just opened?) for one record, in a
    savepoint (a Refused rolls it back)."""
    with transaction.atomic():
        call = (
            FundingCall.objects.select_for_update()
            .filter(source=source, source_id=record.source_id)
            .first()
        )
        fingerprint = record.fingerprint()
        if call is not None and call.source_hash == fingerprint:
            return "unchanged", call, False
        outcome = "updated" if call is not None else "created"
        call = call or FundingCall(source=source, source_id=record.source_id)
        _write(call, record, refs, curated=set(call.curated_fields))
        opened = call_dates_refresh(call=call)
        call_text_refresh(call=call)
        log_action(target=call, action=f"calls.call.{outcome}", by=by, source=source)
        return outcome, call, opened


def calls_import(*, source, file, by=None, run=None) -> ImportRun:
    """Import a file of `source` ("incentivi", "sedia", "padigitale", "csv"): the run with its
    counts; `run.opened_ids` lists the calls that became open (to announce after the commit). A
    file that cannot be read at all fails the run with the reason (nothing written)."""
    if source not in READERS:
        raise ImportFileError(_("Unknown source: %(source)s") % {"source": source})
    if run is None:
        run = ImportRun.objects.create(
            source=source, requested_by=by, filename=getattr(file, "name", "")[:300]
        )
    run.opened_ids = []
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    refs = References()
    counts = {"created": 0, "updated": 0, "unchanged": 0, "refused": 0}
    refusals = []
    try:
        items = list(READERS[source](file))
    except ImportFileError as exc:
        return _finish(run, counts, refusals, error=str(exc))
    run.total = len(items)
    ImportRun.objects.filter(pk=run.pk).update(total=run.total)
    for index, item in enumerate(items, start=1):
        if isinstance(item, Refused):
            counts["refused"] += 1
            refusals.append(
                {"id": item.source_id, "title": item.title[:200], "reason": str(item.reason)}
            )
        else:
            try:
                outcome, call, opened = import_record(item, source=source, refs=refs, by=by)
            except Refused as refused:
                counts["refused"] += 1
                refusals.append(
                    {"id": item.source_id, "title": item.title[:200], "reason": str(refused.reason)}
                )
            except IntegrityError:  # e.g. a curated minimum above the new maximum
                counts["refused"] += 1
                refusals.append(
                    {
                        "id": item.source_id,
                        "title": item.title[:200],
                        "reason": _("It contradicts the fields staff curated."),
                    }
                )
            else:
                counts[outcome] += 1
                if opened:
                    run.opened_ids.append(call.pk)
        if index % PROGRESS_EVERY == 0:
            ImportRun.objects.filter(pk=run.pk).update(processed=index, **counts)
    return _finish(run, counts, refusals, processed=len(items))


def _finish(run, counts, refusals, *, processed=0, error=""):
    run.status = ImportRun.Status.FAILED if error else ImportRun.Status.DONE
    run.error = error
    run.refusals = refusals
    run.processed = processed
    run.finished_at = timezone.now()
    for name, value in counts.items():
        setattr(run, name, value)
    run.save(
        update_fields=[
            "status",
            "error",
            "refusals",
            "processed",
            "finished_at",
            *counts,
            "updated_at",
        ]
    )
    return run


def import_run_execute(*, run: ImportRun) -> ImportRun:
    """Run an import staff queued in the admin (its kept file); the one who asked is told."""
    from coopportal.notifications.services import notify

    from .. import notifications

    if run.status != ImportRun.Status.QUEUED:
        run.opened_ids = []
        return run  # already run (a retried task does nothing)
    try:
        with run.file.open("rb") as handle:
            run = calls_import(source=run.source, file=handle, by=run.requested_by, run=run)
    except (OSError, ValueError) as exc:
        run.opened_ids = []
        run = _finish(run, {}, [], error=_("The file cannot be read: %(error)s") % {"error": exc})
    if run.requested_by_id:
        with transaction.atomic():
            notify(
                notifications.IMPORT_FINISHED.name,
                [run.requested_by_id],
                target=run,
                url=f"/admin/calls/importrun/{run.pk}/change/",
                context={
                    "file": run.filename,
                    "created": run.created,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "refused": run.refused,
                },
            )
    return run
