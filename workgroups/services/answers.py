"""The board's answer to a forwarded proposal (the PROPOSAL_ANSWER workflow) and the dated
notes on its implementation."""

from django.db import transaction
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import Proposal
from ..workflows import PROPOSAL_ANSWER
from .proposals import people_to_tell


def _everyone_concerned(proposal, *, exclude):
    ids = set(people_to_tell(proposal, exclude=exclude))
    ids |= set(proposal.endorsements.values_list("user_id", flat=True))
    ids.discard(exclude.pk)
    return sorted(ids)


@transaction.atomic
def proposal_answer(*, proposal, by, answer, text) -> Proposal:
    """The board's official answer to a forwarded proposal (it may be revised: each answer is a
    step of the timeline). Authors, co-authors, endorsers and followers are told at once, the
    group's members in their digest."""
    from ..models import GroupMembership

    if answer not in Proposal.Answer.values:
        raise WorkgroupError(_("Choose one of the possible answers."), code="invalid")
    text = (text or "").strip()
    locked = transition(PROPOSAL_ANSWER, proposal, answer, by=by, reason=text)
    if not locked.implementation and answer != Proposal.Answer.REJECTED:
        locked.implementation = Proposal.Implementation.NOT_STARTED
        locked.save(update_fields=["implementation", "updated_at"])
    label = Proposal.Answer(answer).label
    concerned = _everyone_concerned(locked, exclude=by)
    notify(
        notifications.PROPOSAL_CHANGED.name,
        concerned,
        target=locked,
        actor=by,
        context={"title": locked.title, "status": label, "reason": text[:300]},
    )
    notify(
        notifications.PROPOSAL_ANSWERED.name,
        list(
            GroupMembership.objects.filter(group=locked.group, status="active")
            .exclude(user_id__in=concerned)
            .values_list("user_id", flat=True)
        ),
        target=locked,
        actor=by,
        context={"title": locked.title, "group": locked.group.name, "answer": label},
    )
    return locked


@transaction.atomic
def proposal_progress(*, proposal, by, text, percent) -> Proposal:
    """A dated note on the implementation of an answered proposal, with its percentage."""
    from ..models import ProgressNote

    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.can_track_implementation(by, locked):
        raise WorkgroupError(
            _("Implementation is tracked by the board and the staff once the board answered."),
            code="forbidden",
        )
    text = (text or "").strip()
    if not text:
        raise WorkgroupError(_("Please describe the progress."), code="empty")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise WorkgroupError(_("The progress is a percentage from 0 to 100."), code="invalid")
    ProgressNote.objects.create(proposal=locked, author=by, text=text, percent=percent)
    Implementation = Proposal.Implementation
    locked.implementation_percent = percent
    locked.implementation = (
        Implementation.DONE
        if percent == 100
        else Implementation.IN_PROGRESS
        if percent > 0
        else Implementation.NOT_STARTED
    )
    locked.save(update_fields=["implementation_percent", "implementation", "updated_at"])
    log_action(target=locked, action="workgroups.proposal.progress", by=by, percent=percent)
    notify(
        notifications.PROPOSAL_CHANGED.name,
        _everyone_concerned(locked, exclude=by),
        target=locked,
        actor=by,
        context={
            "title": locked.title,
            "status": f"{locked.get_implementation_display()} ({percent}%)",
            "reason": text[:300],
        },
    )
    return locked
