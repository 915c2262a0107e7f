"""Contact requests, blocks and reports, each status moved by its workflow (matching/workflows.py)
through `coopportal.core.workflow.transition()`.

A member sends another a short message (at most `settings.MATCHING_CONTACTS_PER_DAY` in 24 hours,
counted under a lock on the sender's row, so parallel sends cannot pass it); the recipient accepts
or declines it, the sender may withdraw it while it waits; unanswered it expires after 30 days (the
beat job `matching.expire_contacts`). Blocking a person ends the requests waiting between the two;
a blocked person, or one who blocked you, cannot be found or contacted and gets the same answer as
a missing profile. Reports go to staff, who resolve or dismiss them with a note.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications
from ..exceptions import MatchingError
from ..models import Block, ContactRequest, Profile, Report
from ..models.contacts import REQUEST_LIFETIME
from ..permissions import can_use_matching
from ..selectors.contacts import can_view_action
from ..selectors.profiles import are_connected, profiles_visible_to
from ..workflows import CONTACT, REPORT

Status = ContactRequest.Status
ReportStatus = Report.Status

MESSAGE_LIMIT = 1000
REASON_LIMIT = 2000
EXPIRE_BATCH = 500
DAY = timedelta(days=1)

NOT_AVAILABLE = gettext_lazy("This profile does not exist or is no longer available.")
MEMBERS_ONLY = gettext_lazy("Member matching is for verified members of the cooperative.")


def _members_only(user):
    if not can_use_matching(user):
        raise MatchingError(MEMBERS_ONLY, code="forbidden")


def _text(value, *, code, limit, missing, too_long):
    value = (value or "").strip()
    if not value:
        raise MatchingError(missing, code=code)
    if len(value) > limit:
        raise MatchingError(too_long % {"limit": limit}, code=code)
    return value


def per_day() -> int:
    return getattr(settings, "MATCHING_CONTACTS_PER_DAY", 10)


def sent_today(user, now=None) -> int:
    """How many requests `user` sent in the last 24 hours (withdrawn ones count too)."""
    since = (now or timezone.now()) - DAY
    return ContactRequest.objects.filter(sender=user, created_at__gt=since).count()


def _lock_people(*people):
    """Lock the people's user rows, in the order of their ids (two people writing to each other at
    the same moment wait for one another instead of crossing)."""
    ids = sorted({person.pk for person in people})
    list(get_user_model().objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _expire_lapsed_between(a, b, now):
    """Requests between the two still waiting but past their date expire now (the beat job may not
    have run yet), so that a new one can be sent."""
    lapsed = ContactRequest.objects.filter(
        Q(sender=a, recipient=b) | Q(sender=b, recipient=a),
        status=Status.PENDING,
        expires_at__lte=now,
    )
    for row in lapsed:
        transition(CONTACT, row, Status.EXPIRED, by=None)


def _check_origin(user, call, action):
    """The funding call or call to action the request comes from must be one the sender sees."""
    from calls.selectors.catalogue import can_view_call

    if call is not None and not can_view_call(user, call):
        raise MatchingError(_("This funding call is not available."), code="call")
    if action is not None and not can_view_action(user, action):
        raise MatchingError(_("This call to action is not available."), code="action")


@transaction.atomic
def contact_send(*, sender, recipient_profile, message, call=None, action=None) -> ContactRequest:
    """A request from `sender` to the owner of `recipient_profile`, with a short message."""
    _members_only(sender)
    recipient = recipient_profile.user
    if recipient.pk == sender.pk:
        raise MatchingError(_("You cannot ask yourself to get in touch."), code="self")
    message = _text(
        message,
        code="message",
        limit=MESSAGE_LIMIT,
        missing=_("Write a short message: say who you are and why you would like to get in touch."),
        too_long=_("Please keep the message under %(limit)d characters."),
    )
    _check_origin(sender, call, action)
    _lock_people(sender, recipient)
    # listed, and neither blocked the other (a blocked person learns nothing more than "missing")
    if not profiles_visible_to(sender).filter(pk=recipient_profile.pk).exists():
        raise MatchingError(NOT_AVAILABLE, code="missing")
    now = timezone.now()
    _expire_lapsed_between(sender, recipient, now)
    waiting = ContactRequest.objects.filter(
        Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender),
        status=Status.PENDING,
    ).first()
    if waiting is not None and waiting.sender_id == sender.pk:
        raise MatchingError(
            _("Your request to this person is already waiting for an answer."), code="pending"
        )
    if waiting is not None:
        raise MatchingError(
            _("This person already asked to get in touch with you: answer their request."),
            code="pending",
        )
    if are_connected(sender, recipient):
        raise MatchingError(_("You are already in contact with this person."), code="connected")
    limit = per_day()
    if sent_today(sender, now) >= limit:
        raise MatchingError(
            _(
                "You have sent %(limit)d contact requests in the last 24 hours, the most allowed: "
                "try again tomorrow."
            )
            % {"limit": limit},
            code="limit",
        )
    try:
        with transaction.atomic():
            contact = ContactRequest.objects.create(
                sender=sender,
                recipient=recipient,
                message=message,
                expires_at=now + REQUEST_LIFETIME,
                call=call,
                action=action,
            )
    except IntegrityError:
        raise MatchingError(
            _("Your request to this person is already waiting for an answer."), code="pending"
        ) from None
    notify(
        notifications.CONTACT_RECEIVED.name,
        [recipient.pk],
        target=contact,
        url=reverse("matching:contact_list"),
        actor=sender,
        context={"person": sender.display_name, "message": message[:200]},
    )
    return contact


ANSWERS = {
    Status.ACCEPTED: gettext_lazy("accepted your request to get in touch"),
    Status.DECLINED: gettext_lazy("declined your request to get in touch"),
}


@transaction.atomic
def contact_move(*, contact, by, to) -> ContactRequest:
    """The recipient accepts or declines, the sender withdraws; a request past its date cannot be
    answered any more (it expires)."""
    if to not in (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN):
        raise MatchingError(_("This cannot be done."), code="illegal_transition")
    if contact.status == Status.PENDING and contact.expires_at <= timezone.now():
        raise MatchingError(_("This request expired: it waited more than 30 days."), code="expired")
    contact = transition(CONTACT, contact, to, by=by)
    if to in ANSWERS:
        tab = "contacts" if to == Status.ACCEPTED else "past"
        notify(
            notifications.CONTACT_ANSWERED.name,
            [contact.sender_id],
            target=contact,
            url=f"{reverse('matching:contact_list')}?tab={tab}",
            actor=by,
            context={"person": by.display_name, "answer": ANSWERS[to]},
        )
    return contact


def contact_accept(*, contact, by) -> ContactRequest:
    return contact_move(contact=contact, by=by, to=Status.ACCEPTED)


def contact_decline(*, contact, by) -> ContactRequest:
    return contact_move(contact=contact, by=by, to=Status.DECLINED)


def contact_withdraw(*, contact, by) -> ContactRequest:
    return contact_move(contact=contact, by=by, to=Status.WITHDRAWN)


def contacts_expire(now=None) -> int:
    """Requests still waiting past their date move to expired (a system move), in batches of
    EXPIRE_BATCH, each in its own transaction; rows someone is answering right now are left to
    the next run. Returns how many expired (0 on a second run)."""
    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                ContactRequest.objects.filter(status=Status.PENDING, expires_at__lte=now)
                .order_by("expires_at", "pk")
                .select_for_update(skip_locked=True)[:EXPIRE_BATCH]
            )
            for row in batch:
                transition(CONTACT, row, Status.EXPIRED, by=None)
        done += len(batch)
        if len(batch) < EXPIRE_BATCH:
            return done


# --- blocks --------------------------------------------------------------------------------------


@transaction.atomic
def block_person(*, by, profile) -> Block:
    """`by` blocks the owner of `profile`: they can no longer find or contact each other; the
    requests waiting between the two end (mine withdrawn, theirs declined, nobody told). Blocking
    twice changes nothing."""
    _members_only(by)
    other = profile.user
    if other.pk == by.pk:
        raise MatchingError(_("You cannot block yourself."), code="self")
    _lock_people(by, other)
    block, _created = Block.objects.get_or_create(blocker=by, blocked=other)
    waiting = ContactRequest.objects.filter(
        Q(sender=by, recipient=other) | Q(sender=other, recipient=by), status=Status.PENDING
    )
    for row in waiting:
        to = Status.WITHDRAWN if row.sender_id == by.pk else Status.DECLINED
        transition(CONTACT, row, to, by=by, audit={"cause": "block"})
    return block


@transaction.atomic
def unblock_person(*, by, profile) -> bool:
    """`by` lifts their block on the owner of `profile`; True when there was one."""
    _members_only(by)
    deleted, _rows = Block.objects.filter(blocker=by, blocked_id=profile.user_id).delete()
    return bool(deleted)


# --- reports -------------------------------------------------------------------------------------


@transaction.atomic
def report_make(*, by, profile=None, contact=None, reason) -> Report:
    """`by` tells staff about a profile or the message of a contact request they took part in."""
    _members_only(by)
    if (profile is None) == (contact is None):
        raise MatchingError(_("Say what you are reporting."), code="subject")
    if profile is not None and profile.user_id == by.pk:
        raise MatchingError(_("You cannot report your own profile."), code="self")
    if contact is not None and contact.recipient_id != by.pk:
        raise MatchingError(_("You can only report messages you received."), code="forbidden")
    reason = _text(
        reason,
        code="reason",
        limit=REASON_LIMIT,
        missing=_("Tell staff what is wrong."),
        too_long=_("Please keep it under %(limit)d characters."),
    )
    already = Report.objects.filter(
        reporter=by, status=ReportStatus.OPEN, profile=profile, contact_request=contact
    )
    if already.exists():
        raise MatchingError(_("You already reported this: staff will look at it."), code="already")
    report = Report.objects.create(
        reporter=by, profile=profile, contact_request=contact, reason=reason
    )
    if profile is not None:
        subject = _("the profile “%(name)s”") % {"name": profile.display_name}
    else:
        subject = _("a message from %(name)s") % {"name": contact.sender.display_name}
    notify(
        notifications.REPORT_RECEIVED.name,
        staff_member_list(),
        target=report,
        url=reverse("admin:matching_report_change", args=[report.pk]),
        actor=by,
        context={"person": by.display_name, "subject": subject, "reason": reason[:200]},
    )
    return report


@transaction.atomic
def report_resolve(*, report, by, note) -> Report:
    """Staff acted upon the report; `note` says what they did."""
    return transition(REPORT, report, ReportStatus.RESOLVED, by=by, reason=note)


@transaction.atomic
def report_dismiss(*, report, by, note) -> Report:
    """Staff found nothing to do; `note` says why."""
    return transition(REPORT, report, ReportStatus.DISMISSED, by=by, reason=note)


@transaction.atomic
def report_hide_profile(*, report, by, reason) -> Report:
    """Staff hide the reported profile (or the profile of who wrote the reported message) with
    `reason`, its owner is told, and the report is marked as acted upon with the same words."""
    from .profiles import profile_hide

    if report.profile_id is not None:
        profile = report.profile
    else:
        profile = Profile.objects.filter(user_id=report.contact_request.sender_id).first()
    if profile is None:
        raise MatchingError(_("The person who wrote this message has no profile to hide."))
    if profile.hidden_at is None:
        profile_hide(profile=profile, reason=reason, by=by)
    return transition(REPORT, report, ReportStatus.RESOLVED, by=by, reason=reason)
