"""Group meetings, their agenda and who is going."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.capacity import not_overbooked, seat_constraints
from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .groups import WorkingGroup

User = settings.AUTH_USER_MODEL


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for staff approval")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# The moves of a meeting; its Workflow (MEETING) is in workgroups/workflows/meetings.py.
MEETING_TRANSITIONS = {
    MeetingStatus.PROPOSED: {
        MeetingStatus.PUBLISHED,
        MeetingStatus.REJECTED,
        MeetingStatus.CANCELLED,
    },
    MeetingStatus.PUBLISHED: {MeetingStatus.CANCELLED},
    MeetingStatus.REJECTED: set(),
    MeetingStatus.CANCELLED: set(),
}


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled by the coordinators")
        SELF_ORGANISED = "self_organised", _("Self-organised by members")

    Status = MeetingStatus  # module level, so that Meta's status_check can name it

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
    going_count = models.PositiveIntegerField(
        _("seats taken"),
        default=0,
        help_text=_("People going, and seats offered to the waiting list."),
    )
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
            not_overbooked("workgroups_meeting_not_overbooked"),
            status_check("workgroups_meeting_status_valid", MeetingStatus),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:meeting_detail", args=[self.group.slug, self.pk])

    # display facts about the status (who may change it: workgroups/workflows/meetings.py)
    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def is_rejected(self) -> bool:
        return self.status == MeetingStatus.REJECTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


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


class RSVPAnswer(models.TextChoices):
    GOING = "going", _("I will attend")
    NOT_GOING = "not_going", _("I will not attend")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("A seat is offered")


class MeetingRSVP(TimeStampedModel):
    """Someone's answer to a meeting: a seat (going), none, a place on the waiting list of a full
    meeting, or a seat offered to them until a deadline (core/capacity.py moves them)."""

    Answer = RSVPAnswer

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="meeting_rsvps")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting answer")
        verbose_name_plural = _("meeting answers")
        constraints = [
            *seat_constraints("workgroups_rsvp", parent_fk="meeting", status_field="answer"),
            status_check("workgroups_rsvp_answer_valid", RSVPAnswer, field="answer"),
        ]
        indexes = [
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(answer="offered"),
                name="workgroups_rsvp_offers",
            ),
            models.Index(
                fields=["meeting", "waiting_since", "id"],
                condition=Q(answer="waiting"),
                name="workgroups_rsvp_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.meeting_id}: {self.answer}"
