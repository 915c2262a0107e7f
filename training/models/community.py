"""What people bring to training besides enrolling: feedback on a course they attended, training
needs (topics members suggest and support), applications to teach, and requests for one of the
free consultations (#smartCoop)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .catalogue import Course, TrainingArea

User = settings.AUTH_USER_MODEL


class Feedback(TimeStampedModel):
    """A participant's rating (1–5) and comments on a course they attended."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="course_feedback",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="training_feedback_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="training_feedback_rating_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.course}: {self.rating}"


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Became a course")
    DISMISSED = "dismissed", _("Set aside")


class TrainingNeed(TimeStampedModel):
    """A topic a member would like to learn; others support it (once each)."""

    Status = NeedStatus

    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("what you would like to learn"), max_length=3000, blank=True)
    area = models.ForeignKey(
        TrainingArea,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    proposed_by = models.ForeignKey(
        User,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="training_needs",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    status_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    supporters_count = models.PositiveIntegerField(_("supporters"), default=0, editable=False)

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-supporters_count", "-created_at", "-pk"]
        constraints = [status_check("training_need_status_valid", NeedStatus)]
        indexes = [
            models.Index(fields=["status", "-supporters_count"], name="training_need_ranked")
        ]

    def __str__(self):
        return self.title


class NeedSupport(models.Model):
    """One person supports one need (withdrawable)."""

    need = models.ForeignKey(
        TrainingNeed, verbose_name=_("need"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="need_supports"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="training_need_support_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.need_id}"


class TrainerApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TrainerApplication(TimeStampedModel):
    """Someone offers to teach: the topics, their experience; staff decide (an accepted
    application makes them a trainer)."""

    Status = TrainerApplicationStatus

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trainer_applications",
    )
    areas = models.ManyToManyField(
        TrainingArea, verbose_name=_("areas"), blank=True, related_name="trainer_applications"
    )
    topics = models.TextField(_("what you would teach"), max_length=3000)
    experience = models.TextField(_("your experience"), max_length=5000)
    bio = models.TextField(_("short biography"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TrainerApplicationStatus.choices,
        default=TrainerApplicationStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    trainer = models.ForeignKey(
        "training.Trainer",
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )

    class Meta:
        verbose_name = _("trainer application")
        verbose_name_plural = _("trainer applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            status_check("training_trainer_application_status_valid", TrainerApplicationStatus),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["submitted", "in_review"]),
                name="training_trainer_application_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_status_display()}"


class ConsultationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ASSIGNED = "assigned", _("Consultant assigned")
    SCHEDULED = "scheduled", _("Slot agreed")
    CLOSED = "closed", _("Done")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class ConsultationRequest(TimeStampedModel):
    """A member asks for a free consultation on a topic; staff assign a consultant, agree a slot
    and close it with notes."""

    Status = ConsultationStatus

    member = models.ForeignKey(
        User,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="consultation_requests",
    )
    area = models.ForeignKey(
        TrainingArea,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("what you need"), max_length=5000)
    preferred_times = models.CharField(_("when suits you"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.REQUESTED,
    )
    consultant = models.ForeignKey(
        User,
        verbose_name=_("consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations_given",
    )
    slot_at = models.DateTimeField(_("agreed slot"), null=True, blank=True)
    slot_place = models.CharField(_("place or link"), max_length=500, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("scheduled"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_notes = models.TextField(_("notes"), max_length=5000, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            status_check("training_consultation_status_valid", ConsultationStatus),
            models.CheckConstraint(
                condition=Q(status__in=["requested", "declined", "cancelled"])
                | Q(consultant__isnull=False),
                name="training_consultation_has_consultant",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(slot_at__isnull=False),
                name="training_consultation_scheduled_has_slot",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="training_consult_queue")]

    def __str__(self):
        return self.topic
