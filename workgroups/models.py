"""Working groups: groups and phases, membership, discussion, meetings, documents, proposals."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class WorkingGroup(TimeStampedModel):
    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone allowed can join")
        APPROVAL = "approval", _("On request: a coordinator approves")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members only")
        EVERYONE = "everyone", _("Members and external participants")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=120, db_index=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    join_policy = models.CharField(
        _("join policy"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    region = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    province = models.ForeignKey(
        "accounts.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    is_active = models.BooleanField(_("active"), default=True)
    members_count = models.PositiveIntegerField(_("members"), default=0)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:group_detail", args=[self.slug])

    @property
    def is_territorial(self):
        return bool(self.region_id or self.province_id)


class Phase(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    outcome = models.TextField(_("outcome"), max_length=20000, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="workgroups_phase_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.group} — {self.name}"


class GroupMembership(TimeStampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("Participant")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    TRANSITIONS = {
        Status.PENDING: {Status.ACTIVE, Status.DECLINED, Status.LEFT},
        Status.ACTIVE: {Status.LEFT},
        Status.DECLINED: {Status.PENDING, Status.ACTIVE},
        Status.LEFT: {Status.PENDING, Status.ACTIVE},
    }

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    message = models.TextField(_("message to the coordinators"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="workgroups_one_membership")
        ]
        indexes = [models.Index(fields=["user", "status"], name="wg_membership_user_status")]

    def __str__(self):
        return f"{self.user} @ {self.group}"


# --- discussion -------------------------------------------------------------------------------


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
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by staff"), default=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]

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


class PostReport(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Post hidden")

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
            models.UniqueConstraint(fields=["post", "reporter"], name="workgroups_report_once")
        ]

    def __str__(self):
        return f"{self.post} ({self.get_status_display()})"


# --- meetings ---------------------------------------------------------------------------------


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled by the coordinators")
        SELF_ORGANISED = "self_organised", _("Self-organised by members")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for staff approval")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PROPOSED: {Status.PUBLISHED, Status.REJECTED, Status.CANCELLED},
        Status.PUBLISHED: {Status.CANCELLED},
        Status.REJECTED: set(),
        Status.CANCELLED: set(),
    }

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    province = models.ForeignKey(
        "accounts.Province", verbose_name=_("province"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="meetings",
    )  # fmt: skip
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    going_count = models.PositiveIntegerField(_("people going"), default=0)
    proposed_by = models.ForeignKey(
        User, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_by = models.ForeignKey(
        User, verbose_name=_("moderated by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.TextField(_("moderation reason"), max_length=2000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=50000, blank=True)
    outcomes = models.TextField(_("what emerged"), max_length=20000, blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="workgroups_meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(going_count__lte=F("capacity")),
                name="workgroups_meeting_not_overbooked",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:meeting_detail", args=[self.group.slug, self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class MeetingRSVP(TimeStampedModel):
    class Answer(models.TextChoices):
        GOING = "going", _("I will attend")
        NOT_GOING = "not_going", _("I will not attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="meeting_rsvps")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)

    class Meta:
        verbose_name = _("meeting answer")
        verbose_name_plural = _("meeting answers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="workgroups_rsvp_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.meeting_id}: {self.answer}"


# --- documents --------------------------------------------------------------------------------


def document_path(instance, filename):
    return f"workgroups/{instance.group_id}/{filename}"


class Document(TimeStampedModel):
    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Regulation")
        WORK_PROGRAMME = "work_programme", _("Work programme")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="documents"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    is_public = models.BooleanField(_("visible to everyone"), default=False)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title


# --- proposals --------------------------------------------------------------------------------


class Proposal(TimeStampedModel):
    """A recommendation to the board: the heart of the product."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for moderation")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        FORWARDED = "forwarded", _("Forwarded to the board")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
        REJECTED = "rejected", _("Rejected")
        UNDER_EVALUATION = "under_evaluation", _("Under evaluation")

    class Implementation(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {
            Status.PUBLISHED,
            Status.CHANGES_REQUESTED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.PUBLISHED: {Status.FORWARDED},
        Status.FORWARDED: set(),
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="proposals"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="proposals",
    )  # fmt: skip
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("born in the meeting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="proposals",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("text"), max_length=30000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("author"), null=True, on_delete=models.SET_NULL,
        related_name="proposals",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True, db_index=True)
    moderation_reason = models.TextField(_("moderation reason"), max_length=2000, blank=True)
    answer = models.CharField(
        _("board answer"), max_length=20, choices=Answer.choices, blank=True, db_index=True
    )
    answer_text = models.TextField(_("answer text"), max_length=20000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    implementation = models.CharField(
        _("implementation"), max_length=12, choices=Implementation.choices, blank=True
    )
    implementation_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    endorsements_count = models.PositiveIntegerField(_("endorsements"), default=0)
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [GinIndex(fields=["search_vector"], name="wg_proposal_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(implementation_percent__lte=100), name="workgroups_percent_max_100"
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(status="forwarded"),
                name="workgroups_answer_only_when_forwarded",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:proposal_detail", args=[self.group.slug, self.pk])


class ProposalAuthor(TimeStampedModel):
    """A co-author, invited by an author; counts once they accept."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Co-author")
        DECLINED = "declined", _("Declined")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="coauthors")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="coauthored_proposals")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="workgroups_coauthor_once")
        ]

    def __str__(self):
        return f"{self.user_id} ({self.get_status_display()})"


class Endorsement(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="endorsements")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="workgroups_endorse_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class ProposalComment(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id} #{self.pk}"


class ProposalFollow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followed_proposals")

    class Meta:
        verbose_name = _("followed proposal")
        verbose_name_plural = _("followed proposals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="workgroups_pfollow_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class ProposalEvent(models.Model):
    """One step of a proposal's timeline: who moved it, when, from where to where, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        User, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    reason = models.TextField(_("reason"), max_length=20000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class ProgressNote(models.Model):
    """A dated note on how the implementation of an answered proposal is going."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="progress_notes")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("progress"), max_length=5000)
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.percent}%"
