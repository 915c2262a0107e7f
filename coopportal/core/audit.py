"""The one history of the portal: `log_action()` writes an `AuditEvent`, the readers below list
them (the admin's history, proposal timelines, the board's exports).

A workflow move (`core.workflow.transition()`) writes its event with the details
`{"from": …, "to": …, "reason": …}`; `moves=True` keeps only such events (a timeline of statuses),
oldest first.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from .models import AuditEvent

# An event is a move when its details say where the object went.
MOVES = Q(data__has_key="to")


def log_action(*, target, action, by=None, **data) -> AuditEvent:
    """Record an audit event `<app>.<entity>.<event>` on `target` by `by` (None: the system)."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        data=data,
    )


def audit_events(*, prefix="", moves=False) -> QuerySet[AuditEvent]:
    """Every event with its actor, newest first; `prefix` keeps the actions that start with it,
    `moves=True` only the workflow moves, oldest first (a timeline). As the queryset of a
    `Prefetch` of a GenericRelation to AuditEvent, one query for any number of objects."""
    events = AuditEvent.objects.select_related("actor")
    if prefix:
        events = events.filter(action__startswith=prefix)
    if moves:
        events = events.filter(MOVES).order_by("created_at", "pk")
    return events


def audit_events_for(target, *, prefix="", moves=False) -> QuerySet[AuditEvent]:
    """The history of `target`, newest first, with the actor; `prefix` keeps only the actions
    that start with it (e.g. "workgroups.proposal."); `moves=True` gives its timeline instead:
    the workflow moves only, oldest first."""
    return audit_events(prefix=prefix, moves=moves).filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    )


def audit_events_for_many(targets, *, prefix="", moves=False) -> QuerySet[AuditEvent]:
    """The history of every object of `targets` (a queryset of one model, used as a subquery, or
    a list of objects of one model) in one queryset, ordered as `audit_events_for`: for exports
    and lists, whose number of queries must not grow with the rows."""
    if isinstance(targets, QuerySet):
        model = targets.model
        ids = targets.order_by().annotate(audit_id=Cast("pk", CharField())).values("audit_id")
    else:
        targets = list(targets)
        if not targets:
            return AuditEvent.objects.none()
        model = type(targets[0])
        ids = [str(target.pk) for target in targets]
    return audit_events(prefix=prefix, moves=moves).filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=ids
    )
