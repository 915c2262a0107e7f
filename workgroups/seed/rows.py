"""Writing demo rows: in bulk, with the dates the demo gives them, and a proposal's story."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from coopportal.core.models import AuditEvent

from ..models import Proposal
from ..selectors.proposals import TIMELINE
from .data import S

BATCH = 1000


def _stamp_fields(model):
    return [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


def bulk(model, rows, **kwargs):
    """`bulk_create` the rows, then give them back the dates they were built with.

    `auto_now[_add]` fields take "now" on insert; the demo has a past, so the dates each row was
    given are written again by an UPDATE of those rows (`bulk_update` leaves `auto_now` alone).
    Nothing of the model is patched, so other threads saving the same models are not affected.
    Rows skipped by `ignore_conflicts` get no primary key and are left as they were.
    """
    stamps = _stamp_fields(model)
    given = [{name: getattr(row, name) for name in stamps} for row in rows]
    created = model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)
    restore = []
    for row, values in zip(created, given, strict=True):
        values = {name: value for name, value in values.items() if value is not None}
        if row.pk is None or not values:
            continue
        for name, value in values.items():
            setattr(row, name, value)
        restore.append(row)
    if restore:
        model.objects.bulk_update(restore, stamps, batch_size=BATCH)
    return created


class Touched:
    """The ids whose counters must be recomputed at the end."""

    def __init__(self):
        self.threads, self.meetings, self.proposals = set(), set(), set()


def story(proposal, *, start, staff, coordinator, board, reason="", forward_reason="",
           answer="", answer_text="", implementation="", percent=0):  # fmt: skip
    """Fill the proposal's dates and return its events [(from, to, actor, reason, when)]."""
    author = proposal.created_by
    status = proposal.status
    events = [("", S.DRAFT, author, "", start)]
    proposal.created_at = proposal.updated_at = start
    if status == S.DRAFT:
        return events
    if status == S.WITHDRAWN:
        events.append((S.DRAFT, S.WITHDRAWN, author, reason, start + timedelta(days=3)))
        proposal.updated_at = start + timedelta(days=3)
        return events
    proposal.submitted_at = start + timedelta(days=2)
    events.append((S.DRAFT, S.SUBMITTED, author, "", proposal.submitted_at))
    proposal.updated_at = proposal.submitted_at
    if status == S.SUBMITTED:
        return events
    moderated = start + timedelta(days=4)
    proposal.updated_at = moderated
    if status in (S.CHANGES_REQUESTED, S.REJECTED):
        proposal.moderation_reason = reason
        events.append((S.SUBMITTED, status, staff, reason, moderated))
        return events
    proposal.published_at = moderated
    events.append((S.SUBMITTED, S.PUBLISHED, staff, "", moderated))
    if status == S.PUBLISHED:
        return events
    proposal.forwarded_at = proposal.updated_at = start + timedelta(days=18)
    events.append((S.PUBLISHED, S.FORWARDED, coordinator, forward_reason, proposal.forwarded_at))
    if answer:
        proposal.answer, proposal.answer_text = answer, answer_text
        proposal.answered_at = proposal.updated_at = start + timedelta(days=48)
        # the board's answer: from "forwarded" to the answer (accepted, partially_accepted, …)
        events.append((S.FORWARDED, answer, board, answer_text, proposal.answered_at))
        proposal.implementation = implementation
        proposal.implementation_percent = percent
    return events


def event_rows(proposal, events):
    """The story's steps as the proposal's timeline: audit events of its moves (for `bulk`)."""
    proposal_type = ContentType.objects.get_for_model(Proposal)
    return [
        AuditEvent(
            action=TIMELINE + t,
            actor=a,
            content_type=proposal_type,
            object_id=str(proposal.pk),
            data={"from": f, "to": t, "reason": r},
            created_at=w,
        )
        for f, t, a, r, w in events
    ]
