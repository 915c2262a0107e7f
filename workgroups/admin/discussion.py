"""Admin for discussion (see workgroups/admin/__init__.py): threads, posts and the queue of
reported posts. Staff never edit by hand: every change is an action that calls a service."""

from django.contrib import admin
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.admin import AuditHistoryMixin, run_with_reason

from ..models import Post, PostReport, Thread
from ..services import discussion as services

NOTE_LABEL = gettext_lazy("Staff note (why)")


class ReadOnlyAdmin(AuditHistoryMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["audit_history"]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "created_by", "posts_count", "last_post_at", "is_locked"]
    list_filter = ["group", "is_locked"]
    search_fields = ["title", "group__name", "created_by__email"]
    list_select_related = ["group", "created_by"]
    date_hierarchy = "created_at"
    actions = ["lock", "unlock"]

    @admin.action(description=gettext_lazy("Close the selected discussions to new posts"))
    def lock(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Close discussions"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.thread_set_locked(
                thread=obj, by=by, locked=True, reason=reason
            ),
        )

    @admin.action(description=gettext_lazy("Reopen the selected discussions"))
    def unlock(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Reopen discussions"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.thread_set_locked(
                thread=obj, by=by, locked=False, reason=reason
            ),
        )


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "author", "created_at", "edited_at", "is_hidden"]
    list_filter = ["is_hidden", "thread__group"]
    search_fields = ["body", "author__email", "thread__title"]
    list_select_related = ["thread", "author"]
    date_hierarchy = "created_at"
    actions = ["hide", "show"]

    @admin.action(description=gettext_lazy("Hide the selected posts"))
    def hide(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Hide posts"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.post_set_hidden(
                post=obj, by=by, hidden=True, note=reason
            ),
        )

    @admin.action(description=gettext_lazy("Show the selected posts again"))
    def show(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Show posts again"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.post_set_hidden(
                post=obj, by=by, hidden=False, note=reason
            ),
        )


@admin.register(PostReport)
class PostReportAdmin(ReadOnlyAdmin):
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

    @admin.action(description=gettext_lazy("Hide the reported posts"))
    def hide_posts(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset.select_related("post"),
            title=_("Hide the reported posts"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.post_report_resolve(
                report=obj, by=by, hide=True, note=reason
            ),
        )

    @admin.action(description=gettext_lazy("Dismiss the reports"))
    def dismiss(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Dismiss the reports"),
            require_reason=True,
            label=NOTE_LABEL,
            service=lambda obj, by, reason: services.post_report_resolve(
                report=obj, by=by, hide=False, note=reason
            ),
        )
