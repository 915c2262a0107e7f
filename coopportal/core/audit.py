from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


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


def audit_events_for(target, *, prefix=""):
    """The history of `target`, newest first, with the actor; `prefix` keeps only the actions
    that start with it (e.g. "workgroups.proposal.")."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")
    if prefix:
        events = events.filter(action__startswith=prefix)
    return events
