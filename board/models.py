from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check


class JobStatus(models.TextChoices):
    """The statuses of the work Celery does for the board: exports and reports."""

    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# The colour (Bootstrap's `text-bg-*`) a badge gives each status; the others are "secondary".
JOB_TONES = {JobStatus.DONE: "success", JobStatus.FAILED: "danger"}


class JobState:
    """What the pages say about a job's status: display facts, not who may move it (the moves are
    in board/workflows.py)."""

    @property
    def is_pending(self) -> bool:
        return self.status == JobStatus.PENDING

    @property
    def is_working(self) -> bool:
        """Waiting or being built: the page polls until it is done or failed."""
        return self.status in (JobStatus.PENDING, JobStatus.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    @property
    def status_tone(self) -> str:
        return JOB_TONES.get(self.status, "secondary")


# The moves of an export job and of a report run (their Workflows are in board/workflows.py). A
# job left running or failed is built again from the start; a done one stays done.
JOB_TRANSITIONS = {
    JobStatus.PENDING: {JobStatus.RUNNING, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED},
    JobStatus.FAILED: {JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED},
    JobStatus.DONE: set(),
}


class ExportJob(JobState, TimeStampedModel):
    """A large export of recommendations built by Celery; the file is kept for a while."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", _("PDF dossier")

    Status = JobStatus  # module level, so that Meta's status_check can name it

    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows done"), default=0)
    file = models.FileField(_("file"), upload_to="board/exports/", blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_rows__lte=models.F("total")) | Q(total=0),
                name="board_export_progress_within_total",
            ),
            status_check("board_export_status_valid", JobStatus),
        ]

    def __str__(self):
        return f"{self.get_format_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.is_done:
            return 100
        return int(100 * self.done_rows / self.total) if self.total else 0


class BoardMeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# The moves of a board meeting; its Workflow is in board/workflows.py.
BOARD_MEETING_TRANSITIONS = {
    BoardMeetingStatus.PLANNED: {BoardMeetingStatus.HELD, BoardMeetingStatus.CANCELLED},
    BoardMeetingStatus.HELD: set(),
    BoardMeetingStatus.CANCELLED: set(),
}


class BoardMeeting(TimeStampedModel):
    """A meeting of the board (CdA) with recommendations on its agenda."""

    Status = BoardMeetingStatus  # module level, so that Meta's status_check can name it

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    held_at = models.DateTimeField(_("marked as held at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["-starts_at"]
        constraints = [status_check("board_meeting_status_valid", BoardMeetingStatus)]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("board:meeting_detail", args=[self.pk])

    @property
    def is_planned(self) -> bool:
        """Not held or cancelled yet: its details and agenda may still change."""
        return self.status == BoardMeetingStatus.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == BoardMeetingStatus.CANCELLED


class AgendaEntry(TimeStampedModel):
    """A recommendation on a board meeting's agenda, with the staff's notes and the decision."""

    meeting = models.ForeignKey(
        BoardMeeting, verbose_name=_("board meeting"), on_delete=models.CASCADE,
        related_name="entries",
    )  # fmt: skip
    proposal = models.ForeignKey(
        "workgroups.Proposal", verbose_name=_("recommendation"), on_delete=models.PROTECT,
        related_name="board_agenda_entries",
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    discussion_summary = models.TextField(_("discussion summary"), max_length=10000, blank=True)
    staff_notes = models.TextField(_("staff notes"), max_length=10000, blank=True)
    decision = models.TextField(_("decision"), max_length=10000, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True, db_index=True)
    follow_up_sent_at = models.DateTimeField(_("follow-up reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal"], name="board_proposal_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting}: {self.proposal}"


class ReportRun(JobState, models.Model):
    """One report to the board: the periodic one (beat, e-mailed to every board member with the
    PDF attached) or one produced on demand for the general assembly, for a chosen period."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic report")
        ASSEMBLY = "assembly", _("Report for the general assembly")

    Status = JobStatus  # module level, so that Meta's status_check can name it

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.PERIODIC, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    file = models.FileField(_("file"), upload_to="board/reports/", blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="board_report_period_in_order",
            ),
            status_check("board_report_status_valid", JobStatus),
            models.UniqueConstraint(
                fields=["period_start", "period_end"],
                condition=Q(kind="periodic"),
                name="board_periodic_report_once_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.period_start} – {self.period_end}"
