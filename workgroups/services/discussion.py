"""Discussion: threads, posts, follows, reports to staff and their moderation."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.markdown import render_markdown
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import Post, PostReport, Thread, ThreadFollow
from ..workflows.discussion import POST_REPORT

TITLE_MAX = Thread._meta.get_field("title").max_length
BODY_MAX = Post._meta.get_field("body").max_length
REASON_MAX = PostReport._meta.get_field("reason").max_length
NOTE_MAX = PostReport._meta.get_field("staff_note").max_length


def _text(value, *, limit, empty_message):
    value = (value or "").strip()
    if not value:
        raise WorkgroupError(empty_message, code="empty")
    if len(value) > limit:
        raise WorkgroupError(
            _("The text is too long (%(count)d characters at most).") % {"count": limit},
            code="too_long",
        )
    return value


def _with_group(post):
    """Posts carry their group id for the group predicates (is_group_member & co.)."""
    post.group_id = post.thread.group_id
    return post


def _follow(thread, user):
    ThreadFollow.objects.get_or_create(thread=thread, user=user)


def _add_post(thread, *, by, body) -> Post:
    now = timezone.now()
    post = Post.objects.create(thread=thread, author=by, body=body, body_html=render_markdown(body))
    Thread.objects.filter(pk=thread.pk).update(
        posts_count=F("posts_count") + 1, last_post_at=now, updated_at=now
    )
    _follow(thread, by)
    return post


@transaction.atomic
def thread_create(*, group, by, title, body) -> Thread:
    """A member starts a thread with its first post, and follows it."""
    if not group.is_active:
        raise WorkgroupError(_("This group has closed its work."), code="inactive")
    if not permissions.can_start_thread(by, group):
        raise WorkgroupError(
            _("Only the members of the group start discussions."), code="forbidden"
        )
    title = _text(title, limit=TITLE_MAX, empty_message=_("Give the discussion a title."))
    body = _text(body, limit=BODY_MAX, empty_message=_("Write the first message."))
    thread = Thread.objects.create(group=group, title=title, created_by=by)
    _add_post(thread, by=by, body=body)
    thread.refresh_from_db(fields=["posts_count", "last_post_at"])
    log_action(target=thread, action="workgroups.thread.created", by=by, group=group.slug)
    return thread


@transaction.atomic
def post_create(*, thread, by, body) -> Post:
    """A member replies; the thread's followers (but the author) are told."""
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("group").get(pk=thread.pk)
    )
    if not permissions.is_group_member(by, thread):
        raise WorkgroupError(_("Only the members of the group take part."), code="forbidden")
    if not permissions.can_post_in_thread(by, thread):
        raise WorkgroupError(_("This discussion is closed to new messages."), code="locked")
    body = _text(body, limit=BODY_MAX, empty_message=_("Write a message."))
    post = _add_post(thread, by=by, body=body)
    followers = list(
        ThreadFollow.objects.filter(thread=thread)
        .exclude(user=by)
        .values_list("user_id", flat=True)
    )
    if followers:
        notify(
            notifications.NEW_POST.name,
            followers,
            target=thread,
            actor=by,
            url=f"{thread.get_absolute_url()}?page=last#post-{post.pk}",
            context={"person": by.display_name, "thread": thread.title, "group": thread.group.name},
        )
    return post


@transaction.atomic
def post_edit(*, post, by, body) -> Post:
    post = Post.objects.select_for_update(of=("self",)).select_related("thread").get(pk=post.pk)
    if not permissions.can_edit_post(by, _with_group(post)):
        raise WorkgroupError(
            _("You can only edit your own messages, shortly after writing them."),
            code="forbidden",
        )
    post.body = _text(body, limit=BODY_MAX, empty_message=_("Write a message."))
    post.body_html = render_markdown(post.body)  # with its source, in the same save
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    log_action(target=post, action="workgroups.post.edited", by=by)
    return post


@transaction.atomic
def thread_follow(*, thread, by, follow: bool) -> bool:
    """Follow or stop following a thread; returns whether the person follows it now."""
    if not permissions.can_follow_thread(by, thread):
        raise WorkgroupError(_("Only the members of the group follow it."), code="forbidden")
    if follow:
        _follow(thread, by)
    else:
        ThreadFollow.objects.filter(thread=thread, user=by).delete()
    return follow


@transaction.atomic
def thread_set_locked(*, thread, by, locked: bool, reason="") -> Thread:
    if not permissions.can_lock_thread(by, thread):
        raise WorkgroupError(_("Only coordinators and staff close discussions."), code="forbidden")
    thread.is_locked = locked
    thread.save(update_fields=["is_locked", "updated_at"])
    event = "locked" if locked else "unlocked"
    log_action(target=thread, action=f"workgroups.thread.{event}", by=by, reason=reason)
    return thread


@transaction.atomic
def post_report(*, post, by, reason) -> PostReport:
    """A member tells staff about a post (once per person and post)."""
    post = Post.objects.select_related("thread__group").get(pk=post.pk)
    if not permissions.can_report_post(by, _with_group(post)):
        raise WorkgroupError(_("You cannot report this message."), code="forbidden")
    reason = _text(reason, limit=REASON_MAX, empty_message=_("Say why you report it."))
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=by, reason=reason)
    except IntegrityError:
        raise WorkgroupError(
            _("You have already reported this message: the staff will look at it."),
            code="already",
        ) from None
    log_action(target=report, action="workgroups.post_report.created", by=by, post=post.pk)
    notify(
        notifications.POST_REPORTED.name,
        staff_member_list(),
        target=report,
        actor=by,
        url=reverse("admin:workgroups_postreport_change", args=[report.pk]),
        context={"thread": post.thread.title, "reason": reason[:200]},
    )
    return report


@transaction.atomic
def post_set_hidden(*, post, by, hidden: bool, note="") -> Post:
    if not permissions.can_moderate_posts(by):
        raise WorkgroupError(_("Only staff moderate messages."), code="forbidden")
    Post.objects.filter(pk=post.pk).update(is_hidden=hidden, updated_at=timezone.now())
    post.is_hidden = hidden
    event = "hidden" if hidden else "shown"
    log_action(target=post, action=f"workgroups.post.{event}", by=by, note=note)
    return post


@transaction.atomic
def post_report_resolve(*, report, by, hide: bool, note="") -> PostReport:
    """Staff hide the reported post (the report is actioned) or dismiss the report; the note is
    the staff's reason (kept as `staff_note`)."""
    if not permissions.can_moderate_posts(by):
        raise WorkgroupError(_("Only staff moderate messages."), code="forbidden")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise WorkgroupError(
            _("The text is too long (%(count)d characters at most).") % {"count": NOTE_MAX},
            code="too_long",
        )
    to = PostReport.Status.ACTIONED if hide else PostReport.Status.DISMISSED
    report = transition(POST_REPORT, report, to, by=by, reason=note)
    if hide and not report.post.is_hidden:
        post_set_hidden(post=report.post, by=by, hidden=True, note=note)
    return report
