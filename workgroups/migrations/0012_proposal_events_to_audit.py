"""One audit timeline: every ProposalEvent row becomes (or is found as) an AuditEvent of its proposal.

Since the audit log exists, each move wrote both a ProposalEvent and an AuditEvent
`workgroups.proposal.<to>` with the details {"from", "to", "reason"}: a step that already has its
audit event (same proposal and target, written within a minute) is not copied again; its details
take the step's "from" and reason (the board's first answer is told as a move from "forwarded").
The other steps (the demo's, older ones) are copied with their actor and time, marked
`"source": "workgroups.proposalevent"`.

Backwards, every proposal move of the audit log is copied back into ProposalEvent and the copies
this migration made are deleted: the two logs are as they were. Creates rows from existing rows
only: not baseline data (tests/core/test_migration_helpers.py NOT_BASELINE).
"""

from datetime import timedelta

from django.db import migrations

SOURCE = "workgroups.proposalevent"
WINDOW = timedelta(minutes=1)
CHUNK = 500
ACTION = "workgroups.proposal."


def _proposal_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="workgroups", model="proposal")[0]


def _bulk_with_times(model, rows):
    """bulk_create `rows`, then give them back their `created_at` (auto_now_add takes "now")."""
    given = [row.created_at for row in rows]
    created = model.objects.bulk_create(rows, batch_size=CHUNK)
    for row, when in zip(created, given, strict=True):
        row.created_at = when
    model.objects.bulk_update(created, ["created_at"], batch_size=CHUNK)


def _nearest(candidates, step):
    """The unused audit event of `candidates` written closest to `step`, within WINDOW."""
    best = None
    for event in candidates:
        gap = abs(event.created_at - step.created_at)
        if gap <= WINDOW and (best is None or gap < abs(best.created_at - step.created_at)):
            best = event
    return best


def copy_to_audit(apps, schema_editor):
    ProposalEvent = apps.get_model("workgroups", "ProposalEvent")
    AuditEvent = apps.get_model("core", "AuditEvent")
    proposal_type = _proposal_type(apps)
    proposal_ids = list(
        ProposalEvent.objects.order_by("proposal_id").values_list("proposal_id", flat=True).distinct()
    )
    for start in range(0, len(proposal_ids), CHUNK):
        chunk = proposal_ids[start : start + CHUNK]
        audited = {}
        for event in AuditEvent.objects.filter(
            content_type=proposal_type,
            object_id__in=[str(pk) for pk in chunk],
            action__startswith=ACTION,
            data__has_key="to",
        ).order_by("created_at", "pk"):
            audited.setdefault((event.object_id, event.data["to"]), []).append(event)
        new, corrected = [], []
        for step in ProposalEvent.objects.filter(proposal_id__in=chunk).order_by(
            "proposal_id", "created_at", "pk"
        ):
            details = {"from": step.from_status, "to": step.to_status, "reason": step.reason}
            candidates = audited.get((str(step.proposal_id), step.to_status), [])
            found = _nearest(candidates, step)
            if found is not None:
                candidates.remove(found)
                if {key: found.data.get(key) for key in details} != details:
                    found.data = {**found.data, **details}
                    corrected.append(found)
                continue
            new.append(
                AuditEvent(
                    actor_id=step.actor_id,
                    action=ACTION + step.to_status,
                    content_type=proposal_type,
                    object_id=str(step.proposal_id),
                    data={**details, "source": SOURCE},
                    created_at=step.created_at,
                )
            )
        AuditEvent.objects.bulk_update(corrected, ["data"], batch_size=CHUNK)
        _bulk_with_times(AuditEvent, new)


def copy_back(apps, schema_editor):
    ProposalEvent = apps.get_model("workgroups", "ProposalEvent")
    AuditEvent = apps.get_model("core", "AuditEvent")
    Proposal = apps.get_model("workgroups", "Proposal")
    proposal_type = _proposal_type(apps)
    moves = AuditEvent.objects.filter(
        content_type=proposal_type, action__startswith=ACTION, data__has_key="to"
    )
    existing = set(Proposal.objects.values_list("pk", flat=True))
    rows = []
    for event in moves.order_by("created_at", "pk").iterator(chunk_size=2000):
        if not event.object_id.isdigit() or int(event.object_id) not in existing:
            continue  # the history of a proposal deleted since
        rows.append(
            ProposalEvent(
                proposal_id=int(event.object_id),
                actor_id=event.actor_id,
                from_status=str(event.data.get("from") or "")[:20],
                to_status=str(event.data["to"])[:20],
                reason=str(event.data.get("reason") or ""),
                created_at=event.created_at,
            )
        )
        if len(rows) >= CHUNK:
            _bulk_with_times(ProposalEvent, rows)
            rows = []
    _bulk_with_times(ProposalEvent, rows)
    moves.filter(data__source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("workgroups", "0011_seat_offers_schedule"),
    ]

    operations = [migrations.RunPython(copy_to_audit, copy_back)]
