"""Every write of the showcase of good practices: a member proposes a case (a draft), edits it
while it is a draft or returned for changes, submits it; staff publish it, return it for changes
or reject it with a reason. Each status move goes through the PRACTICE workflow
(`coopportal.core.workflow.transition()`: row lock, table, permission on the locked row, audit
event with who, when and why) and tells the people concerned (staff of a case to validate, the
proposer of a decision), in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.uploads import IMAGES, validate_upload
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from . import notifications, permissions
from .exceptions import PracticeError
from .models import FIRST_YEAR, TEXT_LIMIT, Practice
from .workflows import DECISIONS, PRACTICE

Status = Practice.Status

REQUIRED = ("title", "kind", "summary", "organisation", "year", "problem", "actions", "results")
TEXTS = ("evidence", "people", "funding", "transferability")
LIMITS = {"title": 200, "summary": 300, "organisation": 200}
FIELDS = (*REQUIRED, *TEXTS, "region", "sector")
LINKS = ("groups", "calls", "courses")
COVER = ("cover", "cover_remove")

COVER_TYPES = {**IMAGES, "image/webp": {"webp"}}
COVER_MAX_BYTES = 2 * 1024 * 1024
COVER_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
COVER_CONTENT_TYPES = {ext: mime for mime, exts in COVER_TYPES.items() for ext in exts}

MEMBERS_ONLY = gettext_lazy("Only members of the cooperative can propose a good practice.")


def linkable_groups():
    from workgroups.models import WorkingGroup

    return WorkingGroup.objects.filter(is_active=True)


def linkable_calls():
    from calls.models import FundingCall

    return FundingCall.objects.filter(is_published=True)


def linkable_courses():
    from training.models import Course

    return Course.objects.filter(status=Course.Status.PUBLISHED)


LINKABLE = {"groups": linkable_groups, "calls": linkable_calls, "courses": linkable_courses}


def _clean(data) -> dict:
    """The case's fields, checked again here (forms check them first): required texts present,
    no text too long, a year that has already come."""
    clean = {}
    for name in REQUIRED:
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            raise PracticeError(_("Please fill in every required field."), code=name)
        clean[name] = value
    for name in TEXTS:
        clean[name] = (data.get(name) or "").strip()
    for name in (*REQUIRED, *TEXTS):
        if isinstance(clean[name], str) and len(clean[name]) > LIMITS.get(name, TEXT_LIMIT):
            raise PracticeError(
                _("This text is too long: at most %(limit)d characters.")
                % {"limit": LIMITS.get(name, TEXT_LIMIT)},
                code=name,
            )
    if clean["kind"] not in Practice.Kind.values:
        raise PracticeError(_("Choose the kind of good practice."), code="kind")
    year = clean["year"]
    if not isinstance(year, int) or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise PracticeError(
            _("Give the year the practice started, between %(first)d and this year.")
            % {"first": FIRST_YEAR},
            code="year",
        )
    clean["region"] = data.get("region")
    clean["sector"] = data.get("sector")
    return clean


def _links(data) -> dict:
    """The groups, calls and courses to link, each one that may be linked (an active group, a
    published call or course); anything else is refused."""
    links = {}
    for name in LINKS:
        chosen = list(data.get(name) or [])
        ids = {obj.pk for obj in chosen}
        if ids and LINKABLE[name]().filter(pk__in=ids).count() != len(ids):
            raise PracticeError(_("One of the links chosen is not available."), code=name)
        links[name] = chosen
    return links


def cover_validate(file) -> str:
    """The extension to keep an uploaded cover image under, read from its content (JPEG, PNG or
    WebP, at most COVER_MAX_BYTES); a PracticeError otherwise."""
    try:
        mime = validate_upload(file, allowed=COVER_TYPES, max_bytes=COVER_MAX_BYTES)
    except ValidationError as exc:
        raise PracticeError(exc.messages[0], code="cover") from None
    return COVER_EXTENSIONS[mime]


def _cover_replace(practice, cover, remove: bool) -> None:
    """Keep the new cover (checked before anything was written), or remove the old one."""
    old = practice.cover.name if practice.cover else ""
    if cover:
        extension = cover_validate(cover)
        practice.cover.save(f"practice-{practice.pk}.{extension}", cover, save=False)
    elif remove:
        practice.cover = ""
    else:
        return
    Practice.objects.filter(pk=practice.pk).update(cover=practice.cover.name or "")
    if old and old != practice.cover.name:
        storage = practice.cover.storage
        transaction.on_commit(lambda: storage.delete(old))


def _refresh_vector(practice):
    vector_refresh(Practice.objects.filter(pk=practice.pk), Practice.SEARCH_VECTOR)


def _save_links(practice, links):
    for name, chosen in links.items():
        getattr(practice, name).set(chosen)


@transaction.atomic
def practice_create(*, by, cover=None, cover_remove=False, **data) -> Practice:
    """A new case proposed by member `by`, as a draft (nobody else sees it yet), with an
    optional cover image."""
    if not permissions.can_propose_practice(by):
        raise PracticeError(MEMBERS_ONLY, code="forbidden")
    fields = _clean(data)
    links = _links(data)
    if cover:
        cover_validate(cover)  # refuse before writing anything
    practice = Practice.objects.create(proposer=by, **fields)
    _save_links(practice, links)
    _cover_replace(practice, cover, False)
    _refresh_vector(practice)
    log_action(target=practice, action="community.practice.created", by=by)
    return practice


@transaction.atomic
def practice_update(*, practice, by, cover=None, cover_remove=False, **data) -> Practice:
    """The proposer changes their draft, or a case staff returned for changes (a new cover
    image replaces the old one; `cover_remove` takes it off)."""
    locked = Practice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
    if not permissions.can_edit_practice(by, locked):
        raise PracticeError(
            _("You can change only your own good practices, while they are drafts or returned."),
            code="forbidden",
        )
    fields = _clean(data)
    links = _links(data)
    if cover:
        cover_validate(cover)
    if fields["title"] != locked.title:
        fields["slug"] = ""
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*fields, "updated_at"])
    _save_links(locked, links)
    _cover_replace(locked, cover, cover_remove)
    _refresh_vector(locked)
    log_action(target=locked, action="community.practice.edited", by=by)
    return locked


@transaction.atomic
def practice_submit(*, practice, by) -> Practice:
    """The proposer sends the case to staff for validation; staff are told."""
    practice = transition(PRACTICE, practice, Status.SUBMITTED, by=by)
    notify(
        notifications.PRACTICE_SUBMITTED.name,
        staff_member_list(),
        target=practice,
        actor=by,
        url=reverse("community:practice_review"),
        context={"person": by.display_name, "title": practice.title},
    )
    return practice


DECIDED = {
    Status.PUBLISHED: gettext_lazy("published in the showcase"),
    Status.CHANGES_REQUESTED: gettext_lazy("returned for changes"),
    Status.REJECTED: gettext_lazy("not accepted"),
}


@transaction.atomic
def practice_decide(*, practice, by, to, reason="") -> Practice:
    """Staff publish the case, return it for changes or reject it (those two with a reason the
    proposer reads); the proposer is told."""
    if to not in DECISIONS:
        raise PracticeError(_("This cannot be done."), code="illegal_transition")
    practice = transition(PRACTICE, practice, to, by=by, reason=reason)
    reason = (reason or "").strip()
    notify(
        notifications.PRACTICE_DECIDED.name,
        [practice.proposer_id] if practice.proposer_id else [],
        target=practice,
        actor=by,
        url=practice.get_absolute_url()
        if to == Status.PUBLISHED
        else reverse("community:practice_mine"),
        context={
            "title": practice.title,
            "decision": DECIDED[to],
            "reason": _("Staff's reason: %(reason)s") % {"reason": reason} if reason else "",
        },
    )
    return practice


def practice_publish(*, practice, by, reason="") -> Practice:
    return practice_decide(practice=practice, by=by, to=Status.PUBLISHED, reason=reason)


def practice_return(*, practice, by, reason) -> Practice:
    return practice_decide(practice=practice, by=by, to=Status.CHANGES_REQUESTED, reason=reason)


def practice_reject(*, practice, by, reason) -> Practice:
    return practice_decide(practice=practice, by=by, to=Status.REJECTED, reason=reason)
