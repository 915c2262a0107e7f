"""Calls to action: members answer with what they bring; when it closes, staff turn the
respondents into a working group (through the groups' own hook: this app does not import them)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.permissions import is_member, is_staff_member
from coopportal.core.audit import log_action
from coopportal.core.discovery import run_hooks
from coopportal.notifications.services import notify

from .. import notifications
from ..exceptions import CallsError
from ..models import ActionResponse, CallToAction


@transaction.atomic
def action_respond(*, action, by, contribution, share_with_others=False) -> ActionResponse:
    if not is_member(by):
        raise CallsError(
            _("Only members of the cooperative answer calls to action."), code="forbidden"
        )
    if not action.is_open:
        raise CallsError(_("This call to action is closed."), code="closed")
    contribution = (contribution or "").strip()
    if not contribution:
        raise CallsError(_("Say what you bring."), code="contribution")
    if len(contribution) > 3000:
        raise CallsError(_("Please keep it under 3,000 characters."), code="contribution")
    try:
        with transaction.atomic():
            response = ActionResponse.objects.create(
                action=action,
                user=by,
                contribution=contribution,
                share_with_others=bool(share_with_others),
            )
    except IntegrityError:
        raise CallsError(_("You already answered."), code="already") from None
    CallToAction.objects.filter(pk=action.pk).update(responses_count=F("responses_count") + 1)
    return response


@transaction.atomic
def action_response_withdraw(*, action, by) -> bool:
    if not action.is_open:
        raise CallsError(_("This call to action is closed."), code="closed")
    deleted, _rows = ActionResponse.objects.filter(action=action, user=by).delete()
    if deleted:
        CallToAction.objects.filter(pk=action.pk, responses_count__gt=0).update(
            responses_count=F("responses_count") - 1
        )
    return bool(deleted)


@transaction.atomic
def action_to_group(*, action, by, reason="") -> CallToAction:
    """Staff turn the respondents of a closed call to action into a new working group; the
    respondents are told. Once only."""
    if not is_staff_member(by):
        raise CallsError(_("Only staff do this."), code="forbidden")
    locked = CallToAction.objects.select_for_update().get(pk=action.pk)
    if locked.converted_at is not None:
        raise CallsError(_("This call to action already became a group."), code="already")
    if locked.deadline_at > timezone.now():
        raise CallsError(_("Wait until the call to action closes."), code="open")
    people = [r.user for r in locked.responses.select_related("user").filter(user__is_active=True)]
    if not people:
        raise CallsError(_("Nobody answered this call to action."), code="empty")
    groups = run_hooks(
        "group_found",
        name=locked.title,
        summary=locked.title,
        theme=locked.theme,
        people=people,
        by=by,
    )
    if not groups:
        raise CallsError(_("Working groups are not installed."), code="unavailable")
    group = groups[0]
    locked.converted_at = timezone.now()
    locked.outcome_name = str(group)
    locked.outcome_url = group.get_absolute_url()
    locked.save(update_fields=["converted_at", "outcome_name", "outcome_url", "updated_at"])
    log_action(
        target=locked, action="calls.call_to_action.converted", by=by, group=group.pk, reason=reason
    )
    notify(
        notifications.ACTION_CONVERTED.name,
        [person.pk for person in people],
        url=locked.outcome_url,
        target=locked,
        actor=by,
        context={
            "action": locked.title,
            "outcome": _("the working group “%(name)s”") % {"name": group},
        },
    )
    return locked
