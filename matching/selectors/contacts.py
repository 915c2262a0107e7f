"""Where two members stand with each other, for a profile page's contact box."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from ..models import Block, ContactRequest
from .profiles import ContactField, contact_fields


@dataclass
class ContactState:
    own: bool = False
    connected: bool = False
    i_blocked: bool = False
    pending_sent: ContactRequest | None = None  # my request waiting for their answer
    pending_received: ContactRequest | None = None  # theirs waiting for mine
    fields: list[ContactField] = field(default_factory=list)

    @property
    def can_request(self) -> bool:
        return not (
            self.own
            or self.connected
            or self.i_blocked
            or self.pending_sent
            or self.pending_received
        )


def contact_state(viewer, profile) -> ContactState:
    """What the viewer's contact box on `profile` shows (two queries)."""
    other = profile.user_id
    if viewer.pk == other:
        return ContactState(own=True, fields=contact_fields(viewer, profile, connected=True))
    rows = list(
        ContactRequest.objects.filter(
            Q(sender=viewer, recipient_id=other) | Q(sender_id=other, recipient=viewer),
            status__in=[ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED],
        ).filter(Q(status=ContactRequest.Status.ACCEPTED) | Q(expires_at__gt=timezone.now()))
    )
    connected = any(row.status == ContactRequest.Status.ACCEPTED for row in rows)
    pending = [row for row in rows if row.status == ContactRequest.Status.PENDING]
    return ContactState(
        connected=connected,
        i_blocked=Block.objects.filter(blocker=viewer, blocked_id=other).exists(),
        pending_sent=next((row for row in pending if row.sender_id == viewer.pk), None),
        pending_received=next((row for row in pending if row.recipient_id == viewer.pk), None),
        fields=contact_fields(viewer, profile, connected=connected),
    )
