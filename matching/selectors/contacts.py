"""Where two members stand with each other, for a profile page's contact box."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from coopportal.accounts.permissions import is_staff_member

from ..models import Block, ContactRequest, Profile, ProfileVisibility
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


# --- the contact requests page -------------------------------------------------------------------

TABS = ("received", "sent", "contacts", "past", "blocked")


def _pending_q(now) -> Q:
    return Q(status=ContactRequest.Status.PENDING, expires_at__gt=now)


def _tab_q(user, tab, now) -> Q:
    """The requests of `user` that a tab of the contacts page lists."""
    mine = Q(sender=user) | Q(recipient=user)
    if tab == "received":
        return Q(recipient=user) & _pending_q(now)
    if tab == "sent":
        return Q(sender=user) & _pending_q(now)
    if tab == "contacts":
        return mine & Q(status=ContactRequest.Status.ACCEPTED)
    return mine & ~_pending_q(now) & ~Q(status=ContactRequest.Status.ACCEPTED)


def _not_blocked(user):
    """The requests of `user` whose other person neither blocked them nor was blocked by them."""
    pairs = Block.objects.filter(
        Q(blocker=user, blocked=OuterRef("sender"))
        | Q(blocker=user, blocked=OuterRef("recipient"))
        | Q(blocker=OuterRef("sender"), blocked=user)
        | Q(blocker=OuterRef("recipient"), blocked=user)
    )
    return ContactRequest.objects.exclude(Exists(pairs))


def contact_tab_counts(user, now=None) -> dict[str, int]:
    """How many rows each tab of the contacts page lists (one query)."""
    now = now or timezone.now()
    requests = (
        _not_blocked(user)
        .filter(Q(sender=user) | Q(recipient=user))
        .aggregate(
            **{tab: Count("pk", filter=_tab_q(user, tab, now)) for tab in TABS if tab != "blocked"}
        )
    )
    return {**requests, "blocked": Block.objects.filter(blocker=user).count()}


def contact_list(user, tab, now=None):
    """The requests of one tab (not "blocked"), newest first, with both people and their
    profiles (to show names, links and contact details without a query per row)."""
    now = now or timezone.now()
    order = ["-answered_at", "-pk"] if tab == "contacts" else ["-created_at", "-pk"]
    return (
        _not_blocked(user)
        .filter(_tab_q(user, tab, now))
        .select_related(
            "sender__matching_profile",
            "recipient__matching_profile",
            "call",
            "action",
        )
        .order_by(*order)
    )


def is_listed(profile) -> bool:
    """`models.profiles.LISTED` on a loaded profile with its user."""
    user = profile.user
    return (
        profile.visibility == ProfileVisibility.MEMBERS
        and profile.hidden_at is None
        and user.is_active
        and user.membership_verified_at is not None
    )


@dataclass
class ContactRow:
    """One request as the viewer sees it: the other person, their profile (when listed), the
    contact details they allowed (once connected) and the moves the viewer may make."""

    request: ContactRequest
    other: object
    profile: object | None
    received: bool
    fields: list[ContactField]
    moves: dict


def lapsed(request, now=None) -> bool:
    """Still waiting, but past its date (the beat job will mark it expired)."""
    now = now or timezone.now()
    return request.status == ContactRequest.Status.PENDING and request.expires_at <= now


def contact_rows(user, requests) -> list[ContactRow]:
    from ..workflows import CONTACT

    rows = []
    for request in requests:
        received = request.recipient_id == user.pk
        other = request.sender if received else request.recipient
        profile = getattr(other, "matching_profile", None)
        if profile is not None:
            profile.user = other  # already loaded
            if not is_listed(profile):
                profile = None
        connected = request.status == ContactRequest.Status.ACCEPTED
        fields = contact_fields(user, profile, connected=True) if profile and connected else []
        rows.append(
            ContactRow(
                request=request,
                other=other,
                profile=profile,
                received=received,
                fields=fields,
                # a request past its date waits for the beat job: nothing more can be done
                moves={} if lapsed(request) else CONTACT.available_moves(user, request),
            )
        )
    return rows


def blocked_list(user):
    """The people `user` blocked, most recent first, with their profiles."""
    return (
        Block.objects.filter(blocker=user)
        .select_related("blocked__matching_profile")
        .order_by("-created_at", "-pk")
    )


def contact_own(user, pk) -> ContactRequest:
    """A request `user` sent or received; 404 for any other (missing and others' look the same)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    contact = (
        ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user), pk=pk)
        .select_related("sender", "recipient")
        .first()
    )
    if contact is None:
        raise Http404
    return contact


def profile_blocked_by(user, pk) -> Profile:
    """The profile of a person `user` blocked (to lift the block); 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    profile = (
        Profile.objects.filter(pk=pk)
        .filter(Exists(Block.objects.filter(blocker=user, blocked=OuterRef("user_id"))))
        .select_related("user")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def _pk(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def can_view_action(user, action) -> bool:
    """A call to action is seen when published, or by staff (as calls' own page does)."""
    return action.is_published or is_staff_member(user)


def contact_origin(user, *, call=None, action=None):
    """The funding call and call to action (`?call=<pk>`, `?action=<pk>`) a request comes from,
    each only when it exists and `user` may see it (otherwise None: the request is sent without)."""
    from calls.models import CallToAction, FundingCall
    from calls.selectors.catalogue import can_view_call

    found_call = found_action = None
    if (call_pk := _pk(call)) is not None:
        found_call = FundingCall.objects.filter(pk=call_pk).first()
        if found_call is not None and not can_view_call(user, found_call):
            found_call = None
    if (action_pk := _pk(action)) is not None:
        found_action = CallToAction.objects.filter(pk=action_pk).first()
        if found_action is not None and not can_view_action(user, found_action):
            found_action = None
    return found_call, found_action
