"""Admin for discussion (see workgroups/admin/__init__.py): threads, posts and the queue of
reported posts. Staff never edit by hand: every change is an action that calls a service."""

from django.contrib import admin
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from coopportal.core.admin import ReadOnlyAdmin, reason_action

from ..models import Post, PostReport, Thread
from ..services import discussion as services

NOTE_LABEL = gettext_lazy("Staff note (why)")


class DiscussionAdmin(ReadOnlyAdmin):
    """Open for the moderation actions, every field read-only, with the audit history."""

    allow_change = True
    show_history = True


@admin.register(Thread)
class ThreadAdmin(DiscussionAdmin):
    list_display = ["title", "group", "created_by", "posts_count", "last_post_at", "is_locked"]
    list_filter = ["group", "is_locked"]
    search_fields = ["title", "group__name", "created_by__email"]
    list_select_related = ["group", "created_by"]
    date_hierarchy = "created_at"
    actions = ["lock", "unlock"]

    lock = reason_action(
        services.thread_set_locked,
        arg="thread",
        description=gettext_lazy("Close the selected discussions to new posts"),
        title=gettext_lazy("Close discussions"),
        require_reason=True,
        label=NOTE_LABEL,
        locked=True,
    )

    unlock = reason_action(
        services.thread_set_locked,
        arg="thread",
        description=gettext_lazy("Reopen the selected discussions"),
        title=gettext_lazy("Reopen discussions"),
        require_reason=True,
        label=NOTE_LABEL,
        locked=False,
    )


@admin.register(Post)
class PostAdmin(DiscussionAdmin):
    list_display = ["__str__", "author", "created_at", "edited_at", "is_hidden"]
    list_filter = ["is_hidden", "thread__group"]
    search_fields = ["body", "author__email", "thread__title"]
    list_select_related = ["thread", "author"]
    date_hierarchy = "created_at"
    actions = ["hide", "show"]

    hide = reason_action(
        services.post_set_hidden,
        arg="post",
        description=gettext_lazy("Hide the selected posts"),
        title=gettext_lazy("Hide posts"),
        require_reason=True,
        label=NOTE_LABEL,
        reason_kw="note",
        hidden=True,
    )

    show = reason_action(
        services.post_set_hidden,
        arg="post",
        description=gettext_lazy("Show the selected posts again"),
        title=gettext_lazy("Show posts again"),
        require_reason=True,
        label=NOTE_LABEL,
        reason_kw="note",
        hidden=False,
    )


@admin.register(PostReport)
class PostReportAdmin(DiscussionAdmin):
    list_display = ["post", "reporter", "reason", "status", "created_at", "handled_by"]
    list_filter = ["status", "created_at"]
    search_fields = ["reason", "post__body", "reporter__email", "post__thread__title"]
    list_select_related = ["post__thread", "reporter", "handled_by"]
    date_hierarchy = "created_at"
    actions = ["hide_posts", "dismiss"]

    def get_readonly_fields(self, request, obj=None):
        return ["reported_post", *super().get_readonly_fields(request, obj)]

    @admin.display(description=gettext_lazy("Reported post"))
    def reported_post(self, obj):
        post = obj.post
        return format_html(
            "<p><strong>{}</strong> — {} ({})</p><div>{}</div>",
            post.thread.title,
            post.author or "—",
            post.created_at,
            linebreaks_filter(post.body, autoescape=True),  # paragraphs, never a style attribute
        )

    hide_posts = reason_action(
        services.post_report_resolve,
        arg="report",
        description=gettext_lazy("Hide the reported posts"),
        title=gettext_lazy("Hide the reported posts"),
        require_reason=True,
        label=NOTE_LABEL,
        reason_kw="note",
        select=lambda admin, request, queryset: queryset.select_related("post"),
        hide=True,
    )

    dismiss = reason_action(
        services.post_report_resolve,
        arg="report",
        description=gettext_lazy("Dismiss the reports"),
        title=gettext_lazy("Dismiss the reports"),
        require_reason=True,
        label=NOTE_LABEL,
        reason_kw="note",
        hide=False,
    )
