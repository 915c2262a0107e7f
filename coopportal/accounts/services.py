"""Every write on people and membership. Keyword arguments, the acting person as `by`."""

from allauth.account.forms import ResetPasswordForm
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.audit import log_action
from coopportal.core.discovery import run_hooks
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from . import notifications, permissions
from .exceptions import MembershipError
from .models import MembershipRequest, User
from .selectors import staff_member_list
from .workflows import MEMBERSHIP_REQUEST

Status = MembershipRequest.Status
# Shown when staff try to change an account that holds a role (permissions.can_manage_account).
PROTECTED_ACCOUNT = gettext_lazy(
    "Only a superuser can change the accounts of staff, board members and superusers."
)


def _check_membership_data(*, user, membership_number, member_since):
    if member_since > timezone.localdate():
        raise MembershipError(_("The membership date cannot be in the future."), code="future")
    if member_since.year < 1900:
        raise MembershipError(_("Please check the membership date."), code="too_old")
    taken = (
        User.objects.filter(membership_number__iexact=membership_number)
        .exclude(pk=user.pk)
        .exists()
    )
    if taken:
        raise MembershipError(
            _("This membership number belongs to another person. Please contact the staff."),
            code="number_taken",
        )


@transaction.atomic
def membership_request_submit(
    *, user, membership_number, member_since, note=""
) -> MembershipRequest:
    """A participant asks staff to verify their membership."""
    membership_number = membership_number.strip().upper()
    if permissions.is_member(user):
        raise MembershipError(_("Your membership is already verified."), code="already_member")
    if not permissions.can_request_membership(user):
        # asked after the refusal: a request another tab committed meanwhile reads as "pending"
        if permissions.has_pending_membership_request(user):
            raise MembershipError(
                _("You already have a request waiting for verification."), code="pending"
            )
        raise MembershipError(_("You cannot request membership verification."), code="forbidden")
    _check_membership_data(
        user=user, membership_number=membership_number, member_since=member_since
    )
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(
                user=user,
                membership_number=membership_number,
                member_since=member_since,
                note=note.strip(),
            )
    except IntegrityError as exc:  # a second request raced this one
        raise MembershipError(
            _("You already have a request waiting for verification."), code="pending"
        ) from exc
    log_action(target=request, action="accounts.membership_request.submitted", by=user)
    notify(
        notifications.MEMBERSHIP_REQUESTED.name,
        staff_member_list(),
        target=request,
        actor=user,
        url=reverse("admin:accounts_membershiprequest_change", args=[request.pk]),
        context={"person": user.display_name, "number": request.membership_number},
    )
    return request


def _review(membership_request, to, *, by, reason=""):
    """Move a request along its workflow (accounts/workflows.py), then tell the person."""
    locked = transition(MEMBERSHIP_REQUEST, membership_request, to, by=by, reason=reason)
    kind = (
        notifications.MEMBERSHIP_APPROVED
        if to == Status.APPROVED
        else notifications.MEMBERSHIP_REJECTED
    )
    notify(
        kind.name,
        [locked.user_id],
        target=locked,
        actor=by,
        url=reverse("accounts:membership"),
        context={"number": locked.membership_number, "reason": reason},
    )
    return locked


@transaction.atomic
def membership_request_approve(*, membership_request, by, reason="") -> MembershipRequest:
    """Staff verify the membership: the person becomes a member with the number they gave."""
    request = _review(membership_request, Status.APPROVED, by=by, reason=reason.strip())
    user = User.objects.select_for_update().get(pk=request.user_id)
    _check_membership_data(
        user=user, membership_number=request.membership_number, member_since=request.member_since
    )
    user.membership_number = request.membership_number
    user.member_since = request.member_since
    user.membership_verified_at = request.reviewed_at
    user.save(update_fields=["membership_number", "member_since", "membership_verified_at"])
    return request


@transaction.atomic
def membership_request_reject(*, membership_request, by, reason) -> MembershipRequest:
    """Staff refuse the request; the reason is shown to the person."""
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Please give a reason: the person will read it."), code="reason")
    return _review(membership_request, Status.REJECTED, by=by, reason=reason)


@transaction.atomic
def membership_revoke(*, user, by, reason) -> User:
    """Staff end a membership (the person left the cooperative); they stay a participant.

    The apps above end, in this transaction, what needed the membership (the `membership_revoked`
    hook: working groups for members only, coordinator roles) and say what changed; the person
    is told once, with the reason and those changes."""
    reason = (reason or "").strip()
    if not permissions.is_staff_member(by):
        raise MembershipError(_("You are not allowed to change memberships."), code="forbidden")
    if not reason:
        raise MembershipError(_("Please give a reason: the person will read it."), code="reason")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not permissions.can_manage_account(by, locked):
        raise MembershipError(str(PROTECTED_ACCOUNT), code="protected_account")
    if not locked.is_member:
        raise MembershipError(_("This person is not a member."), code="not_member")
    locked.membership_number = None
    locked.member_since = None
    locked.membership_verified_at = None
    locked.save(update_fields=["membership_number", "member_since", "membership_verified_at"])
    log_action(target=locked, action="accounts.user.membership_revoked", by=by, reason=reason)
    changes = run_hooks("membership_revoked", user=locked, by=by, reason=reason)
    notify(
        notifications.MEMBERSHIP_REVOKED.name,
        [locked.pk],
        target=locked,
        actor=by,
        url=reverse("accounts:membership"),
        context={"reason": reason, "changes": " ".join(changes)},
    )
    return locked


def user_update_profile(*, user, by, **fields) -> User:
    if by.pk != user.pk and not permissions.can_manage_account(by, user):
        raise MembershipError(_("You can only change your own profile."), code="forbidden")
    allowed = {"first_name", "last_name", "language", "province", "enterprise_size", "sectors"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown profile fields: {sorted(unknown)}")
    sectors = fields.pop("sectors", None)
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        user.save(update_fields=[*fields])
    if sectors is not None:
        user.sectors.set(sectors)
    return user


def user_password_reset_send(*, user, by, request) -> None:
    """Staff help someone who cannot log in: allauth's own reset e-mail goes to the person's
    address (nobody but superusers sets a password for someone else). Takes `request` because
    allauth builds the link and renders the e-mail from it."""
    if not permissions.can_manage_account(by, user):
        raise MembershipError(str(PROTECTED_ACCOUNT), code="protected_account")
    if not user.is_active:
        raise MembershipError(_("This account is not active."), code="inactive")
    form = ResetPasswordForm(data={"email": user.email})
    if not form.is_valid() or user not in form.users:
        raise MembershipError(_("This account has no valid e-mail address."), code="no_email")
    form.save(request)
    log_action(target=user, action="accounts.user.password_reset_sent", by=by)
