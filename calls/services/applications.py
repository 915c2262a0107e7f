"""Applications through the cooperative: drafts, co-applicants, budget, attachments, the rules
checklist, submission before the internal deadline, withdrawal and staff's decisions.

Every status change goes through `transition()` (calls/workflows.py); each one tells the
applicants (lead and accepted co-applicants) after the change, in the same transaction.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.dates import format_date
from coopportal.core.uploads import extension_of, validate_upload
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import CallsError
from ..models import (
    Application,
    ApplicationAttachment,
    BudgetLine,
    CoApplicant,
    FundingCall,
    Rule,
    RuleDeclaration,
)
from ..workflows import APPLICATION, COAPPLICANT

Status = Application.Status
TITLE_MAX = 200
MAX_BUDGET_LINES = 50
MAX_CO_APPLICANTS = 20
# the statuses of an application still open (for the rule "open applications per member")
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED)


# --- reading what a service needs ------------------------------------------------------------


def applicants(application, *, also=()):
    """The lead and the co-applicants who accepted (ids), plus `also`."""
    ids = {application.lead_id, *also}
    ids.update(
        application.co_applicants.filter(status=CoApplicant.Status.ACCEPTED).values_list(
            "user_id", flat=True
        )
    )
    return sorted(ids)


def internal_deadline(call: FundingCall, now=None):
    """The internal deadline that applies now: that of the first cut-off whose internal deadline
    is still ahead; None when the call has no deadline at all (open until funds run out).
    Raises CallsError when every internal deadline has passed."""
    now = now or timezone.now()
    closes = list(call.deadlines.values_list("closes_at", flat=True).order_by("closes_at"))
    if not closes:
        return None
    days = timedelta(days=call.internal_deadline_days)
    for closes_at in closes:
        if closes_at - days > now:
            return closes_at - days
    last = closes[-1] - days
    raise CallsError(
        _(
            "The cooperative's internal deadline for this call has passed (%(when)s): "
            "applications through the cooperative close %(days)d days before the call's deadline."
        )
        % {
            "when": format_date(timezone.localtime(last), "DATETIME_FORMAT"),
            "days": call.internal_deadline_days,
        },
        code="deadline",
    )


def _tell_applicants(application, *, by, status_label, reason=""):
    notify(
        notifications.APPLICATION_STATUS.name,
        applicants(application),
        target=application,
        actor=by,
        context={
            "application": application.title,
            "status": status_label,
            "reason": reason or "",
        },
    )


# --- drafts ------------------------------------------------------------------------------------


def _clean_title(title):
    title = " ".join((title or "").split())
    if not title:
        raise CallsError(_("Give the project a title."), code="title")
    if len(title) > TITLE_MAX:
        raise CallsError(
            _("The title is too long (%(max)d characters at most).") % {"max": TITLE_MAX},
            code="title",
        )
    return title


def _clean_amount(value, *, field="requested_amount"):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(value)
    except (ArithmeticError, ValueError, TypeError):
        raise CallsError(_("Write the amount as a number of euros."), code=field) from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e12"):
        raise CallsError(_("The amount must be more than zero."), code=field)
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def application_create(
    *, call: FundingCall, by, title, summary="", requested_amount=None, submission_key=None
):
    """A draft application of `by` (a member) for an open call whose internal deadline is ahead.
    With the form's `submission_key`, the same form posted twice (two tabs, a double click) gives
    the draft of the first post back instead of a second one."""
    if not permissions.can_apply(by, call):
        raise CallsError(_("Only members of the cooperative apply through it."), code="forbidden")
    if not call.is_published or not call.is_open:
        raise CallsError(_("This call is not open."), code="closed")
    internal_deadline(call)
    fields = {
        "call": call,
        "lead": by,
        "title": _clean_title(title),
        "summary": (summary or "").strip()[:10000],
        "requested_amount": _clean_amount(requested_amount),
    }
    if submission_key is not None:
        try:
            with transaction.atomic():  # waits for a twin post's commit on the unique key
                application = Application.objects.create(**fields, submission_key=submission_key)
        except IntegrityError:
            twin = Application.objects.filter(submission_key=submission_key, lead=by, call=call)
            if twin := twin.first():
                return twin
            raise CallsError(
                _("This form was already sent: open it again to start a new draft."),
                code="title",
            ) from None
    else:
        application = Application.objects.create(**fields)
    log_action(target=application, action="calls.application.created", by=by)
    return application


@transaction.atomic
def application_update(*, application, by, title, summary="", requested_amount=None):
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not permissions.can_edit_application(by, locked):
        raise CallsError(_("This application cannot be changed now."), code="forbidden")
    locked.title = _clean_title(title)
    locked.summary = (summary or "").strip()[:10000]
    locked.requested_amount = _clean_amount(requested_amount)
    locked.save(update_fields=["title", "summary", "requested_amount", "updated_at"])
    return locked


def _editable(application, by):
    if not permissions.can_edit_application(by, application):
        raise CallsError(_("This application cannot be changed now."), code="forbidden")


@transaction.atomic
def budget_line_add(*, application, by, description, amount) -> BudgetLine:
    _editable(application, by)
    description = " ".join((description or "").split())[:300]
    if not description:
        raise CallsError(_("Say what the budget line is for."), code="description")
    amount = _clean_amount(amount, field="amount")
    if amount is None:
        raise CallsError(_("Write the amount as a number of euros."), code="amount")
    if application.budget_lines.count() >= MAX_BUDGET_LINES:
        raise CallsError(
            _("At most %(max)d budget lines.") % {"max": MAX_BUDGET_LINES}, code="too_many"
        )
    position = application.budget_lines.count()
    return BudgetLine.objects.create(
        application=application, description=description, amount=amount, position=position
    )


@transaction.atomic
def budget_line_remove(*, line: BudgetLine, by) -> None:
    _editable(line.application, by)
    line.delete()


def budget_total(application) -> Decimal:
    return application.budget_lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def attachment_add(*, application, by, title, file) -> ApplicationAttachment:
    _editable(application, by)
    title = " ".join((title or "").split())[:200] or (file.name if file else "")
    if application.attachments.count() >= ApplicationAttachment.MAX_PER_APPLICATION:
        raise CallsError(
            _("At most %(max)d attachments.") % {"max": ApplicationAttachment.MAX_PER_APPLICATION},
            code="too_many",
        )
    try:
        content_type = validate_upload(
            file, allowed=ApplicationAttachment.ALLOWED, max_bytes=ApplicationAttachment.MAX_BYTES
        )
    except ValidationError as exc:
        raise CallsError(exc.messages[0], code="file") from None
    attachment = ApplicationAttachment(
        application=application, title=title, content_type=content_type, uploaded_by=by
    )
    attachment.file.save(f"allegato.{extension_of(file.name)}", file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)  # no file without its row
        raise
    log_action(target=application, action="calls.application.attached", by=by, title=title)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: ApplicationAttachment, by) -> None:
    _editable(attachment.application, by)
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- co-applicants -----------------------------------------------------------------------------


@transaction.atomic
def co_applicant_invite(*, application, by, user) -> CoApplicant:
    """The lead invites a member; they accept or decline (and are told)."""
    if not (permissions.is_lead(by, application) and application.status in permissions.EDITABLE):
        raise CallsError(
            _("Only the lead invites co-applicants, before submitting."), code="forbidden"
        )
    if user.pk == application.lead_id:
        raise CallsError(_("You lead this application already."), code="user")
    if not user.is_active or not user.is_member:
        raise CallsError(_("Only members of the cooperative can be co-applicants."), code="user")
    if application.co_applicants.count() >= MAX_CO_APPLICANTS:
        raise CallsError(
            _("At most %(max)d co-applicants.") % {"max": MAX_CO_APPLICANTS}, code="too_many"
        )
    try:
        with transaction.atomic():
            invitation = CoApplicant.objects.create(application=application, user=user)
    except IntegrityError:
        raise CallsError(_("This member was already invited."), code="user") from None
    log_action(target=application, action="calls.application.invited", by=by, user=user.pk)
    notify(
        notifications.CO_APPLICANT_INVITED.name,
        [user.pk],
        target=application,
        actor=by,
        context={
            "person": by.display_name,
            "application": application.title,
            "call": application.call.title,
        },
    )
    return invitation


def _answer(invitation, by, to):
    locked = transition(COAPPLICANT, invitation, to, by=by)
    application = locked.application
    notify(
        notifications.CO_APPLICANT_ANSWERED.name,
        [application.lead_id],
        target=application,
        actor=by,
        context={
            "person": by.display_name,
            "application": application.title,
            "answer": COAPPLICANT.label(to),
        },
    )
    return locked


@transaction.atomic
def co_applicant_accept(*, invitation, by) -> CoApplicant:
    return _answer(invitation, by, CoApplicant.Status.ACCEPTED)


@transaction.atomic
def co_applicant_decline(*, invitation, by) -> CoApplicant:
    return _answer(invitation, by, CoApplicant.Status.DECLINED)


# --- the rules ---------------------------------------------------------------------------------


@dataclass
class RuleCheck:
    rule: Rule
    ok: bool
    detail: str = ""

    @property
    def declared(self) -> bool:
        return self.rule.kind == Rule.Kind.DECLARED


def rules_for(call):
    """The rules in force for a call: the global ones, then the call's own."""
    return Rule.objects.filter(Q(call__isnull=True) | Q(call=call), is_active=True).order_by(
        F("call_id").asc(nulls_first=True), "position", "pk"
    )


def _months_between(start, end) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _check(rule, application, *, declared_ids, total, today) -> RuleCheck:
    kind, limit = rule.kind, rule.value
    if kind == Rule.Kind.DECLARED:
        return RuleCheck(rule, rule.pk in declared_ids)
    if kind == Rule.Kind.SENIORITY:
        since = application.lead.member_since
        months = _months_between(since, today) if since else 0
        detail = _("%(months)d months a member") % {"months": months}
        return RuleCheck(rule, months >= limit, detail)
    if kind == Rule.Kind.BUDGET_CAP:
        amount = application.requested_amount
        ok = amount is not None and amount <= limit
        return RuleCheck(rule, ok, _("requested: %(amount)s €") % {"amount": amount or "—"})
    if kind == Rule.Kind.OPEN_APPLICATIONS:
        count = (
            Application.objects.filter(lead=application.lead, status__in=OPEN_STATUSES)
            .exclude(pk=application.pk)
            .exclude(status=Status.DRAFT)
            .count()
            + 1
        )
        return RuleCheck(
            rule, count <= limit, _("%(count)d open applications with this one") % {"count": count}
        )
    if kind == Rule.Kind.COFINANCING:
        requested = application.requested_amount or Decimal(0)
        share = (100 * (total - requested) / total) if total > 0 else Decimal(0)
        return RuleCheck(
            rule,
            total > 0 and share >= limit,
            _("co-financing: %(share).0f%% of the budget") % {"share": share},
        )
    return RuleCheck(rule, False, _("unknown rule"))


def rule_checks(application, *, today=None) -> list[RuleCheck]:
    """Each rule in force for the application's call, checked now."""
    today = today or timezone.localdate()
    declared_ids = set(application.declarations.values_list("rule_id", flat=True))
    total = budget_total(application)
    return [
        _check(rule, application, declared_ids=declared_ids, total=total, today=today)
        for rule in rules_for(application.call)
    ]


@transaction.atomic
def rules_declare(*, application, by, rule_ids) -> None:
    """The lead declares the declared rules `rule_ids` met (the others are no longer declared)."""
    if not (permissions.is_lead(by, application) and application.status in permissions.EDITABLE):
        raise CallsError(
            _("Only the lead declares the rules, before submitting."), code="forbidden"
        )
    allowed = set(
        rules_for(application.call).filter(kind=Rule.Kind.DECLARED).values_list("pk", flat=True)
    )
    wanted = {int(pk) for pk in rule_ids} & allowed
    application.declarations.exclude(rule_id__in=wanted).delete()
    have = set(application.declarations.values_list("rule_id", flat=True))
    RuleDeclaration.objects.bulk_create(
        [
            RuleDeclaration(application=application, rule_id=pk, declared_by=by)
            for pk in sorted(wanted - have)
        ]
    )


# --- moves ---------------------------------------------------------------------------------------


def _guard_submission(application, now):
    """Refuse a submission after the internal deadline or with a failing rule, naming it."""
    call = application.call
    if not call.is_open:
        raise CallsError(_("This call is not open."), code="closed")
    internal_deadline(call, now)
    if not application.title or application.requested_amount is None:
        raise CallsError(_("Say how much you request before submitting."), code="requested_amount")
    failing = [check for check in rule_checks(application) if not check.ok]
    if failing:
        first = failing[0]
        if first.declared:
            message = _("Declare the rule “%(rule)s” before submitting.")
        else:
            message = _("The application does not meet the rule “%(rule)s” (%(detail)s).")
        raise CallsError(message % {"rule": first.rule.title, "detail": first.detail}, code="rule")


@transaction.atomic
def application_submit(*, application, by, now=None) -> Application:
    """The lead submits to the cooperative: before the internal deadline, with every rule met.
    Invitations still unanswered expire (and their people are told by the lead's page)."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "lead")
        .get(pk=application.pk)
    )  # the rules are checked on the locked row, as the lead last saved it
    _guard_submission(application, now)
    locked = transition(APPLICATION, application, Status.SUBMITTED, by=by)
    for invitation in locked.co_applicants.filter(status=CoApplicant.Status.PENDING):
        transition(COAPPLICANT, invitation, CoApplicant.Status.EXPIRED, by=None)
    _tell_applicants(locked, by=None, status_label=APPLICATION.label(Status.SUBMITTED))
    notify(
        notifications.APPLICATION_SUBMITTED.name,
        staff_member_list(),
        target=locked,
        actor=by,
        context={"person": by.display_name, "application": locked.title, "call": locked.call.title},
    )
    return locked


@transaction.atomic
def application_withdraw(*, application, by, reason="") -> Application:
    locked = transition(APPLICATION, application, Status.WITHDRAWN, by=by, reason=reason)
    _tell_applicants(locked, by=by, status_label=APPLICATION.label(Status.WITHDRAWN))
    return locked


@transaction.atomic
def application_move(*, application, by, to, reason="", **fields) -> Application:
    """Staff move an application on (review, decision, funder's answer); the applicants are told,
    with the reasons when there are."""
    if to == Status.SUBMITTED or to == Status.WITHDRAWN:
        raise CallsError(_("Only the lead submits or withdraws an application."), code="forbidden")
    if to == Status.FUNDED and "funded_amount" in fields:
        fields["funded_amount"] = _clean_amount(fields["funded_amount"], field="funded_amount")
    locked = transition(APPLICATION, application, to, by=by, reason=reason, **fields)
    _tell_applicants(locked, by=by, status_label=APPLICATION.label(to), reason=reason)
    return locked
