"""Discussion: threads, posts, follows and reports."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .groups import WorkingGroup

User = settings.AUTH_USER_MODEL


class Thread(TimeStampedModel):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        User, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_locked = models.BooleanField(_("closed to new posts"), default=False)
    posts_count = models.PositiveIntegerField(_("posts"), default=0)
    last_post_at = models.DateTimeField(_("last post at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-last_post_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:thread_detail", args=[self.group.slug, self.pk])


class Post(TimeStampedModel):
    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        User, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body = models.TextField(_("text"), max_length=20000)
    # `body` rendered (coopportal.core.markdown.stored_markdown): written with it by the services,
    # null (not "") until first shown for rows written in bulk
    body_html = models.TextField(null=True, blank=True, editable=False)  # noqa: DJ001
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by staff"), default=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [
            # a thread's page: its posts in order, 20 at a time
            models.Index(fields=["thread", "created_at", "id"], name="wg_post_thread_order"),
        ]

    def __str__(self):
        return f"{self.thread} #{self.pk}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followed_threads")

    class Meta:
        verbose_name = _("followed thread")
        verbose_name_plural = _("followed threads")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="workgroups_follow_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


class PostReportStatus(models.TextChoices):
    OPEN = "open", _("To review")
    DISMISSED = "dismissed", _("Dismissed")
    ACTIONED = "actioned", _("Post hidden")


class PostReport(TimeStampedModel):
    Status = PostReportStatus  # module level, so that Meta's status_check can name it

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        User, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        User, verbose_name=_("handled by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    staff_note = models.TextField(_("staff note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("post report")
        verbose_name_plural = _("post reports")
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="workgroups_report_once"),
            status_check("workgroups_post_report_status_valid", PostReportStatus),
        ]

    def __str__(self):
        return f"{self.post} ({self.get_status_display()})"


# The moves of a post report; its Workflow (POST_REPORT) is in workgroups/services/discussion.py.
POST_REPORT_TRANSITIONS = {
    PostReportStatus.OPEN: {PostReportStatus.DISMISSED, PostReportStatus.ACTIONED},
    PostReportStatus.DISMISSED: set(),
    PostReportStatus.ACTIONED: set(),
}
