"""The training catalogue: areas, trainers, courses and their sessions.

A course belongs to an area (the five of the L.A.N.D. seed in the demo), teaches skills, is held in
person, online (webinar) or blended, is free or has a member price and a public price, is open to
all or to members only, and has a capacity (None: unlimited) with an enrolment window. Its sessions
carry the dates (Europe/Rome), the place or the online link (shown only to the enrolled) and the
trainer. The course keeps its first and last session's times (`first_starts_at`, `last_ends_at`),
refreshed by the services that change sessions, for the catalogue's filters and the deadlines of
the seats offered from its waiting list.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopportal.core.capacity import not_overbooked
from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.workflow import status_check

User = settings.AUTH_USER_MODEL

PRICE = {"max_digits": 8, "decimal_places": 2, "default": Decimal("0.00")}


class TrainingArea(models.Model):
    """A field of training (e.g. "Cooperazione e governance")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("training area")
        verbose_name_plural = _("training areas")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    """A skill a course teaches (a tag, shared by courses)."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Trainer(TimeStampedModel):
    """Someone who teaches: a name and a short biography, and their account when they have one
    (with it they keep the register of their sessions)."""

    name = models.CharField(_("name"), max_length=150)
    bio = models.TextField(_("short biography"), max_length=3000, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer",
    )

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class CourseFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online (webinar)")
    BLENDED = "blended", _("Blended")


class Audience(models.TextChoices):
    ALL = "all", _("Open to all")
    MEMBERS = "members", _("Members only")


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Course(TimeStampedModel):
    """A course or webinar: what it teaches, for whom, at what price, with how many seats."""

    Status = CourseStatus
    Format = CourseFormat
    Audience = Audience

    area = models.ForeignKey(
        TrainingArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(
        _("description"), max_length=20000, blank=True, help_text=_("Markdown.")
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills taught"), blank=True, related_name="courses"
    )
    trainers = models.ManyToManyField(
        Trainer, verbose_name=_("trainers"), blank=True, related_name="courses"
    )
    format = models.CharField(
        _("format"), max_length=10, choices=CourseFormat.choices, default=CourseFormat.IN_PERSON
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    member_price = models.DecimalField(
        _("member price (€)"), validators=[MinValueValidator(Decimal("0"))], **PRICE
    )
    public_price = models.DecimalField(
        _("public price (€)"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For people who are not members. 0: free."),
        **PRICE,
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    going_count = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"),
        null=True,
        blank=True,
        help_text=_("Empty: until the first session starts."),
    )
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("cancellation cut-off (hours before the start)"),
        default=48,
        validators=[MaxValueValidator(24 * 60)],
        help_text=_("Until then people cancel their seat themselves and it goes to the next."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered seat"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance for the certificate (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.DRAFT
    )
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)
    first_starts_at = models.DateTimeField(
        _("first session"), null=True, blank=True, editable=False
    )
    last_ends_at = models.DateTimeField(
        _("last session ends"), null=True, blank=True, editable=False
    )
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=2, default=Decimal("0"), editable=False
    )
    feedback_requested_at = models.DateTimeField(
        _("feedback asked"), null=True, blank=True, editable=False
    )
    from_need = models.ForeignKey(
        "training.TrainingNeed",
        verbose_name=_("from the training need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_VECTOR = weighted_vector(("title", "A"), ("summary", "B"), ("description", "C"))

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["first_starts_at", "pk"]
        constraints = [
            not_overbooked("training_course_not_overbooked"),
            status_check("training_course_status_valid", CourseStatus),
            status_check("training_course_format_valid", CourseFormat, field="format"),
            status_check("training_course_audience_valid", Audience, field="audience"),
            models.CheckConstraint(
                condition=Q(member_price__gte=0) & Q(public_price__gte=0),
                name="training_course_prices_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(enrolment_opens_at__isnull=True)
                | Q(enrolment_closes_at__isnull=True)
                | Q(enrolment_opens_at__lt=F("enrolment_closes_at")),
                name="training_course_window_order",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="training_course_search"),
            GinIndex(
                fields=["title"], name="training_course_title_trgm", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "first_starts_at"], name="training_course_upcoming"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:course_detail", args=[self.pk, self.slug or "corso"])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "corso"
        super().save(*args, **kwargs)

    @property
    def is_free(self) -> bool:
        return not self.member_price and not self.public_price

    @property
    def is_online(self) -> bool:
        return self.format in (CourseFormat.ONLINE, CourseFormat.BLENDED)

    def price_for(self, is_member: bool) -> Decimal:
        """What this course costs a member, or anyone else."""
        return self.member_price if is_member else self.public_price

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.going_count, 0)

    def cancellation_closes_at(self):
        """Until when people cancel their seat themselves (None: no session yet)."""
        if self.first_starts_at is None:
            return None
        return self.first_starts_at - timedelta(hours=self.cancel_hours_before)

    def enrolment_is_open(self, now=None) -> bool:
        """Published, within the window, and the first session not started."""
        now = now or timezone.now()
        if self.status != CourseStatus.PUBLISHED:
            return False
        if self.enrolment_opens_at and now < self.enrolment_opens_at:
            return False
        closes = self.enrolment_closes_at or self.first_starts_at
        return closes is None or now < closes


class CourseSession(TimeStampedModel):
    """One meeting of a course: when, where (or the online link), with whom."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to the people enrolled."),
    )
    trainer = models.ForeignKey(
        Trainer,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    checkin_code = models.CharField(
        _("check-in code"), max_length=8, blank=True, editable=False, db_index=True
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["course", "starts_at"], name="training_session_when")]

    def __str__(self):
        return self.title or f"{self.course} — {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))
