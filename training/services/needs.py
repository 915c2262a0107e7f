"""Training needs: members suggest a topic and support the others' suggestions; staff turn one
into a draft course (the supporters are told) or set it aside with a reason.

The proposer's own support is automatic: a new need starts with one support, theirs, and
`supporters_count` 1. They cannot support it again nor withdraw that support (their
suggestion is what they support). `supporters_count` moves only here, by `F()` updates under
the need's row lock, so simultaneous supports never lose one.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from coopportal.accounts.permissions import is_member
from coopportal.core.audit import log_action
from coopportal.notifications.services import notify

from .. import notifications
from ..exceptions import TrainingError
from ..models import Course, NeedStatus, NeedSupport, TrainingNeed
from ..permissions import can_manage_training

TITLE_MAX = 200
DESCRIPTION_MAX = 3000


def _must_be_member(by):
    if not is_member(by):
        raise TrainingError(
            _("Only verified members of the cooperative suggest and support training needs."),
            code="forbidden",
        )


def _locked_open(need):
    locked = TrainingNeed.objects.select_for_update(of=("self",)).get(pk=need.pk)
    if locked.status != NeedStatus.OPEN:
        raise TrainingError(_("This training need is no longer open."), code="closed")
    return locked


@transaction.atomic
def need_create(*, by, title, description="", area=None) -> TrainingNeed:
    """A member suggests a topic; their own support counts as the first."""
    _must_be_member(by)
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise TrainingError(_("Say which topic you would like to learn."), code="title")
    if len(title) > TITLE_MAX:
        raise TrainingError(_("Please keep the topic under 200 characters."), code="title")
    if len(description) > DESCRIPTION_MAX:
        raise TrainingError(
            _("Please keep the description under 3,000 characters."), code="description"
        )
    need = TrainingNeed.objects.create(
        title=title, description=description, area=area, proposed_by=by, supporters_count=1
    )
    NeedSupport.objects.create(need=need, user=by)
    log_action(target=need, action="training.need.created", by=by)
    return need


@transaction.atomic
def need_support(*, need, by) -> TrainingNeed:
    """A member supports someone else's need, once."""
    _must_be_member(by)
    locked = _locked_open(need)
    if locked.proposed_by_id == by.pk:
        raise TrainingError(_("You proposed it: your support already counts."), code="own")
    try:
        with transaction.atomic():
            NeedSupport.objects.create(need=locked, user=by)
    except IntegrityError:
        raise TrainingError(_("You already support this topic."), code="already") from None
    TrainingNeed.objects.filter(pk=locked.pk).update(supporters_count=F("supporters_count") + 1)
    locked.refresh_from_db(fields=["supporters_count"])
    return locked


@transaction.atomic
def need_unsupport(*, need, by) -> TrainingNeed:
    """A member withdraws the support they gave (not the proposer's own)."""
    _must_be_member(by)
    locked = _locked_open(need)
    if locked.proposed_by_id == by.pk:
        raise TrainingError(_("You proposed this topic: your support stays with it."), code="own")
    deleted, _rows = NeedSupport.objects.filter(need=locked, user=by).delete()
    if not deleted:
        raise TrainingError(_("You do not support this topic."), code="not_supported")
    TrainingNeed.objects.filter(pk=locked.pk, supporters_count__gt=0).update(
        supporters_count=F("supporters_count") - 1
    )
    locked.refresh_from_db(fields=["supporters_count"])
    return locked


def _must_be_staff(by):
    if not can_manage_training(by):
        raise TrainingError(_("Only staff do this."), code="forbidden")


@transaction.atomic
def need_to_course(*, need, by, reason="") -> Course:
    """Staff turn an open need into a draft course (area, title and summary from the need); the
    need becomes PLANNED and its supporters are told, with the course's title."""
    _must_be_staff(by)
    locked = _locked_open(need)
    if locked.area_id is None:
        raise TrainingError(
            _("Give the training need an area first: a course belongs to an area."), code="area"
        )
    course = Course.objects.create(
        area_id=locked.area_id,
        title=locked.title,
        summary=locked.description[:500],
        description=locked.description,
        from_need=locked,
        created_by=by,
    )
    locked.status = NeedStatus.PLANNED
    locked.status_reason = (reason or "").strip()
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    log_action(
        target=locked,
        action="training.need.planned",
        by=by,
        course=course.pk,
        reason=locked.status_reason,
    )
    supporters = NeedSupport.objects.filter(need=locked).values_list("user_id", flat=True)
    notify(
        notifications.NEED_PLANNED.name,
        list(supporters),
        target=locked,
        url=reverse("training:need_list"),
        actor=by,
        context={"need": locked.title, "course": course.title},
    )
    return course


@transaction.atomic
def need_dismiss(*, need, by, reason) -> TrainingNeed:
    """Staff set an open need aside, saying why (the list shows the reason)."""
    _must_be_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Please give a reason."), code="reason")
    locked = _locked_open(need)
    locked.status = NeedStatus.DISMISSED
    locked.status_reason = reason
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    log_action(target=locked, action="training.need.dismissed", by=by, reason=reason)
    return locked
