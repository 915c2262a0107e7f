"""Proposals to the board: co-authors, endorsements, comments, follows, progress (their timeline
is the audit log: `Proposal.audit_events`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import AuditEvent, TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.workflow import status_check

from .groups import Phase, WorkingGroup
from .meetings import Meeting

User = settings.AUTH_USER_MODEL


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    FORWARDED = "forwarded", _("Forwarded to the board")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProposalAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
    REJECTED = "rejected", _("Rejected")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")


class ProposalImplementation(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ProposalAuthorStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Co-author")
    DECLINED = "declined", _("Declined")


# How a proposal's history (its timeline, the board's page, PDF dossier and exports) names the step
# into each status or board answer: the choices' labels, worded as events where they differ
# ("rejected" is a status and an answer, "Rejected" either way).
HISTORY_LABELS = {
    **dict(ProposalStatus.choices),
    ProposalStatus.DRAFT: _("Draft created"),
    ProposalAnswer.ACCEPTED: _("Accepted by the board"),
    ProposalAnswer.PARTIALLY_ACCEPTED: _("Partially accepted by the board"),
    ProposalAnswer.UNDER_EVALUATION: _("Under evaluation by the board"),
}


def history_label(value) -> str:
    """The translated name of the step into `value` (a status or an answer); unknown values as
    they are."""
    return str(HISTORY_LABELS.get(value, value))


# The moves of a proposal (its Workflows are in workgroups/workflows/proposals.py).
_S = ProposalStatus
TRANSITIONS = {
    _S.DRAFT: {_S.SUBMITTED, _S.WITHDRAWN},
    _S.SUBMITTED: {_S.PUBLISHED, _S.CHANGES_REQUESTED, _S.REJECTED, _S.WITHDRAWN},
    _S.CHANGES_REQUESTED: {_S.SUBMITTED, _S.WITHDRAWN},
    _S.PUBLISHED: {_S.FORWARDED},
    _S.FORWARDED: set(),
    _S.REJECTED: set(),
    _S.WITHDRAWN: set(),
}
# The board's answer: from none ("") to any answer, and it may be revised to any answer.
ANSWER_TRANSITIONS = {value: set(ProposalAnswer.values) for value in ["", *ProposalAnswer.values]}
COAUTHOR_TRANSITIONS = {
    ProposalAuthorStatus.INVITED: {ProposalAuthorStatus.ACCEPTED, ProposalAuthorStatus.DECLINED},
    ProposalAuthorStatus.ACCEPTED: set(),
    ProposalAuthorStatus.DECLINED: set(),
}


class Proposal(TimeStampedModel):
    """A recommendation to the board: the heart of the product."""

    Status = ProposalStatus
    Answer = ProposalAnswer
    Implementation = ProposalImplementation

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
    # `body` rendered (coopportal.core.markdown.stored_markdown): written with it by the services,
    # null (not "") until first shown for rows written in bulk
    body_html = models.TextField(null=True, blank=True, editable=False)  # noqa: DJ001
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
    # Its history, the timeline included (core.audit: the moves are the events with a "to"); for
    # prefetching only (`Prefetch("audit_events", queryset=audit_events(moves=True), …)`).
    audit_events = GenericRelation(AuditEvent)

    # what search_vector holds (coopportal.core.search), refreshed by the services
    SEARCH_VECTOR = weighted_vector(("title", "A"), ("summary", "B"), ("body", "C"))

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="wg_proposal_search"),
            GinIndex(fields=["title"], name="wg_proposal_title_trgm", opclasses=["gin_trgm_ops"]),
            # the board's lists walk only the forwarded proposals (a few of all): the dashboard
            # newest first, the public answers by answer date, a meeting's agenda choices
            # waiting first
            models.Index(
                F("forwarded_at").desc(),
                F("id").desc(),
                name="wg_forwarded_recent",
                condition=Q(status="forwarded"),
            ),
            models.Index(
                F("answered_at").desc(),
                F("id").desc(),
                name="wg_answered_recent",
                condition=Q(status="forwarded") & ~Q(answer=""),
            ),
            models.Index(
                F("answered_at").desc(),
                F("forwarded_at").desc(),
                F("id").desc(),
                name="wg_forwarded_waiting_first",
                condition=Q(status="forwarded"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(implementation_percent__lte=100), name="workgroups_percent_max_100"
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(status="forwarded"),
                name="workgroups_answer_only_when_forwarded",
            ),
            status_check("workgroups_proposal_status_valid", ProposalStatus),
            status_check(
                "workgroups_proposal_answer_valid", ["", *ProposalAnswer.values], "answer"
            ),
            status_check(
                "workgroups_proposal_implementation_valid",
                ["", *ProposalImplementation.values],
                "implementation",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:proposal_detail", args=[self.group.slug, self.pk])


class ProposalAuthor(TimeStampedModel):
    """A co-author, invited by an author; counts once they accept."""

    Status = ProposalAuthorStatus

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
            models.UniqueConstraint(fields=["proposal", "user"], name="workgroups_coauthor_once"),
            status_check("workgroups_coauthor_status_valid", ProposalAuthorStatus),
        ]

    def __str__(self):
        return f"{self.user_id} ({self.get_status_display()})"

    @property
    def is_accepted(self) -> bool:
        """They accepted the invitation: the page names them among the authors."""
        return self.status == ProposalAuthorStatus.ACCEPTED


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
