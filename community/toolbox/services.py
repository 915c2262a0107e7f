"""Every write of the toolbox: resources added by staff or suggested by members, the moves of the
RESOURCE workflow (publish, reject with a reason, archive), bookmarks and the counter of opens.

Input is checked here again (the forms check it first): a resource has a link or a file, never
both and never neither; a link is http(s) only; a file's type is sniffed from its content
(coopportal.core.uploads); tags, courses, groups and calls are the ones people may pick.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from calls.models import FundingCall
from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.uploads import stored_name, validate_upload
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify
from training.models import Course, CourseStatus
from workgroups.models import WorkingGroup

from . import notifications, permissions
from .exceptions import ToolboxError
from .models import (
    Resource,
    ResourceArea,
    ResourceAudience,
    ResourceBookmark,
    ResourceKind,
    ResourceLanguage,
    ResourceOpenDay,
    ResourceStatus,
    ResourceTag,
    ResourceTarget,
)
from .workflows import RESOURCE

MAX_TAGS = 8
TAG_MAX = ResourceTag._meta.get_field("name").max_length
TITLE_MAX = Resource._meta.get_field("title").max_length
SUMMARY_MAX = Resource._meta.get_field("summary").max_length
DESCRIPTION_MAX = 10000
NOTE_MAX = 2000
URL_MAX = Resource._meta.get_field("url").max_length
LINK_SCHEMES = ("http", "https")


def max_upload_bytes() -> int:
    return getattr(settings, "TOOLBOX_MAX_UPLOAD_BYTES", Resource.MAX_BYTES)


# --- checks --------------------------------------------------------------------------------------


def _text(value, *, code, limit, missing=None) -> str:
    value = (value or "").strip()
    if missing is not None and not value:
        raise ToolboxError(missing, code=code)
    if len(value) > limit:
        raise ToolboxError(
            _("Please keep it under %(limit)d characters.") % {"limit": limit}, code=code
        )
    return value


def _choice(value, choices, *, code) -> str:
    if value not in choices.values:
        raise ToolboxError(_("Unknown value: please choose one of the list."), code=code)
    return value


def link_check(url: str) -> str:
    """The link, trimmed, when it is an http(s) address; `javascript:`, `data:`, `ftp:` … are
    refused."""
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > URL_MAX:
        raise ToolboxError(_("The link is too long."), code="url")
    try:
        URLValidator(schemes=list(LINK_SCHEMES))(url)
    except ValidationError:
        raise ToolboxError(
            _("Enter a web address that starts with http:// or https://."), code="url"
        ) from None
    return url


def _file_check(file) -> str:
    try:
        return validate_upload(file, allowed=Resource.ALLOWED, max_bytes=max_upload_bytes())
    except ValidationError as exc:
        raise ToolboxError(exc.messages[0], code="file") from None


def tag_names(text_or_list) -> list[str]:
    """The tags of a comma-separated text (or a list): trimmed, distinct by key, at most
    MAX_TAGS, each at most TAG_MAX characters."""
    raw = text_or_list.split(",") if isinstance(text_or_list, str) else list(text_or_list or ())
    names, keys = [], set()
    for name in raw:
        name = " ".join(str(name).split())
        key = slugify(name)
        if not key or key in keys:
            continue
        if len(name) > TAG_MAX:
            raise ToolboxError(
                _("A tag is at most %(limit)d characters long.") % {"limit": TAG_MAX}, code="tags"
            )
        names.append(name)
        keys.add(key)
    if len(names) > MAX_TAGS:
        raise ToolboxError(_("At most %(limit)d tags, please.") % {"limit": MAX_TAGS}, code="tags")
    return names


def tags_for(names) -> list[ResourceTag]:
    tags = []
    for name in names:
        tag, _created = ResourceTag.objects.get_or_create(
            slug=slugify(name)[:60], defaults={"name": name.lower()}
        )
        tags.append(tag)
    return tags


def _links_check(*, courses, groups, calls):
    """The courses (published), groups (active) and calls (published) a resource may link to;
    anything else is refused."""
    courses, groups, calls = list(courses or ()), list(groups or ()), list(calls or ())
    if courses and Course.objects.filter(
        pk__in=[c.pk for c in courses], status=CourseStatus.PUBLISHED
    ).count() != len({c.pk for c in courses}):
        raise ToolboxError(_("One of the courses cannot be chosen."), code="courses")
    if groups and WorkingGroup.objects.filter(
        pk__in=[g.pk for g in groups], is_active=True
    ).count() != len({g.pk for g in groups}):
        raise ToolboxError(_("One of the working groups cannot be chosen."), code="groups")
    if calls and FundingCall.objects.filter(
        pk__in=[c.pk for c in calls], is_published=True
    ).count() != len({c.pk for c in calls}):
        raise ToolboxError(_("One of the funding calls cannot be chosen."), code="calls")
    return courses, groups, calls


# --- writing a resource --------------------------------------------------------------------------


def resource_text_refresh(resource_ids) -> int:
    """Store the search vector of the resources (one UPDATE)."""
    rows = Resource.objects.filter(pk__in=list(resource_ids))
    return vector_refresh(rows, Resource.SEARCH_VECTOR)


def resource_write(
    *,
    by,
    status,
    title,
    summary,
    kind,
    area,
    language=ResourceLanguage.ITALIAN,
    audience=ResourceAudience.EVERYONE,
    target=ResourceTarget.ALL,
    url="",
    file=None,
    description="",
    tags=(),
    courses=(),
    groups=(),
    calls=(),
    note="",
) -> Resource:
    title = _text(title, code="title", limit=TITLE_MAX, missing=_("Give the resource a title."))
    summary = _text(
        summary, code="summary", limit=SUMMARY_MAX, missing=_("Describe the resource briefly.")
    )
    description = _text(description, code="description", limit=DESCRIPTION_MAX)
    note = _text(note, code="note", limit=NOTE_MAX)
    kind = _choice(kind, ResourceKind, code="kind")
    area = _choice(area, ResourceArea, code="area")
    language = _choice(language, ResourceLanguage, code="language")
    audience = _choice(audience, ResourceAudience, code="audience")
    target = _choice(target, ResourceTarget, code="target")
    url = link_check(url)
    if bool(url) == bool(file):
        raise ToolboxError(
            _("Give either a link or a file (one of the two)."),
            code="url" if not url and not file else "file",
        )
    names = tag_names(tags)
    courses, groups, calls = _links_check(courses=courses, groups=groups, calls=calls)
    resource = Resource(
        title=title,
        summary=summary,
        description=description,
        kind=kind,
        area=area,
        language=language,
        audience=audience,
        target=target,
        url=url,
        status=status,
        suggested_by=by if status == ResourceStatus.SUGGESTED else None,
        suggestion_note=note,
    )
    if status == ResourceStatus.PUBLISHED:
        resource.published_at = timezone.now()
        resource.published_by = by if by is not None and by.is_authenticated else None
    if file:
        resource.content_type = _file_check(file)
        resource.size = file.size
        resource.file.save(stored_name(file.name, default="risorsa"), file, save=False)
    try:
        resource.save()
        resource.tags.set(tags_for(names))
        resource.courses.set(courses)
        resource.groups.set(groups)
        resource.calls.set(calls)
        resource_text_refresh([resource.pk])
    except Exception:
        if resource.file:
            resource.file.storage.delete(resource.file.name)  # no file without its row
        raise
    return resource


@transaction.atomic
def resource_create(*, by, **data) -> Resource:
    """Staff add a resource to the toolbox: published at once."""
    if not permissions.can_moderate_resources(by):
        raise ToolboxError(_("Only staff add resources to the toolbox."), code="forbidden")
    resource = resource_write(by=by, status=ResourceStatus.PUBLISHED, **data)
    log_action(target=resource, action="community.toolbox.resource.created", by=by)
    return resource


@transaction.atomic
def resource_suggest(*, by, **data) -> Resource:
    """A member suggests a resource: it waits for staff, who are told."""
    if not permissions.can_suggest_resource(by):
        raise ToolboxError(_("Only members suggest resources."), code="forbidden")
    resource = resource_write(by=by, status=ResourceStatus.SUGGESTED, **data)
    log_action(target=resource, action="community.toolbox.resource.suggested", by=by)
    notify(
        notifications.SUGGESTION_RECEIVED.name,
        staff_member_list(),
        target=resource,
        url=reverse("admin:community_resource_change", args=[resource.pk]),
        actor=by,
        context={"person": by.display_name, "title": resource.title},
    )
    return resource


def resource_saved_by_staff(*, resource, by, created: bool) -> None:
    """After an edit in the admin (the form saved the row and its links): the search vector, and
    an audit event. A resource staff add there is published at once."""
    resource_text_refresh([resource.pk])
    action = "created" if created else "changed"
    log_action(target=resource, action=f"community.toolbox.resource.{action}", by=by)


@transaction.atomic
def resource_publish(*, resource, by, reason="") -> Resource:
    """Staff publish a suggestion (or an archived resource again); the suggester is told."""
    locked = transition(RESOURCE, resource, ResourceStatus.PUBLISHED, by=by, reason=reason)
    if locked.suggested_by_id and locked.transition_from == ResourceStatus.SUGGESTED:
        notify(
            notifications.SUGGESTION_PUBLISHED.name,
            [locked.suggested_by_id],
            target=locked,
            actor=by,
            context={"title": locked.title},
        )
    return locked


@transaction.atomic
def resource_reject(*, resource, by, reason) -> Resource:
    """Staff do not add a suggestion; the suggester reads why."""
    locked = transition(RESOURCE, resource, ResourceStatus.REJECTED, by=by, reason=reason)
    if locked.suggested_by_id:
        notify(
            notifications.SUGGESTION_REJECTED.name,
            [locked.suggested_by_id],
            target=locked,
            actor=by,
            context={"title": locked.title, "reason": locked.rejection_reason[:300]},
        )
    return locked


@transaction.atomic
def resource_archive(*, resource, by, reason="") -> Resource:
    """Staff take a resource out of the toolbox (its page and links disappear)."""
    return transition(RESOURCE, resource, ResourceStatus.ARCHIVED, by=by, reason=reason)


# --- bookmarks -----------------------------------------------------------------------------------


@transaction.atomic
def bookmark_set(*, resource, by, on: bool) -> bool:
    """Keep (`on`) or drop a resource from `by`'s bookmarks; the state asked for, whatever it was
    before (a double click keeps one row: the unique constraint and ON CONFLICT DO NOTHING)."""
    if not permissions.can_bookmark_resource(by, resource):
        raise ToolboxError(
            _("Only members keep bookmarks of published resources."), code="forbidden"
        )
    if on:
        ResourceBookmark.objects.bulk_create(
            [ResourceBookmark(user=by, resource=resource)], ignore_conflicts=True
        )
    else:
        ResourceBookmark.objects.filter(user=by, resource=resource).delete()
    return on


# --- the counter of opens ------------------------------------------------------------------------


def resource_opened(*, resource, day=None) -> None:
    """One more open of `resource` today: one statement (an upsert on the day's row), whatever the
    traffic; no read, no lock held beyond the row."""
    day = day or timezone.localdate()
    table = ResourceOpenDay._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (resource_id, day, opens) VALUES (%s, %s, 1) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (resource_id, day) DO UPDATE SET opens = {table}.opens + 1",
            [resource.pk, day],
        )
