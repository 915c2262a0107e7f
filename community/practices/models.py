"""The showcase of good practices: structured cases (workers' buyouts, digital innovation,
community cooperatives, start-ups) that members propose and staff validate.

The statuses and their moves are in community/practices/workflows.py: draft → submitted →
published, or returned for changes (then submitted again) or rejected, each with a reason the
proposer reads. Only published cases are public.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.workflow import status_check

__all__ = ["Practice", "PracticeKind", "PracticeStatus"]

TEXT_LIMIT = 10000
FIRST_YEAR = 1900


class PracticeKind(models.TextChoices):
    BUYOUT = "buyout", _("Workers' buyout")
    DIGITAL = "digital", _("Digital innovation")
    COMMUNITY = "community", _("Community cooperative")
    STARTUP = "startup", _("Cooperative start-up")
    OTHER = "other", _("Other good practice")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for validation")
    PUBLISHED = "published", _("Published")
    CHANGES_REQUESTED = "changes_requested", _("Returned for changes")
    REJECTED = "rejected", _("Not accepted")


_S = PracticeStatus
TRANSITIONS = {
    _S.DRAFT: {_S.SUBMITTED},
    _S.SUBMITTED: {_S.PUBLISHED, _S.CHANGES_REQUESTED, _S.REJECTED},
    _S.CHANGES_REQUESTED: {_S.SUBMITTED},
    _S.PUBLISHED: set(),
    _S.REJECTED: set(),
}
EDITABLE = (_S.DRAFT, _S.CHANGES_REQUESTED)


class Practice(TimeStampedModel):
    """One case of the showcase: the problem, what was done, the results and their evidence, the
    people, the funding, how it could be repeated elsewhere, and what of the portal it links to."""

    Status = PracticeStatus
    Kind = PracticeKind

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=PracticeKind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    organisation = models.CharField(
        _("cooperative or organisation"),
        max_length=200,
        help_text=_("Who carried out the practice."),
    )
    region = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="good_practices",
    )
    sector = models.ForeignKey(
        "accounts.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="good_practices",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
        help_text=_("The year the practice started."),
    )
    problem = models.TextField(_("the problem"), max_length=TEXT_LIMIT)
    actions = models.TextField(_("what was done"), max_length=TEXT_LIMIT)
    results = models.TextField(_("results"), max_length=TEXT_LIMIT)
    evidence = models.TextField(_("evidence of the results"), max_length=TEXT_LIMIT, blank=True)
    people = models.TextField(_("people involved"), max_length=TEXT_LIMIT, blank=True)
    funding = models.TextField(_("funding"), max_length=TEXT_LIMIT, blank=True)
    transferability = models.TextField(_("transferability"), max_length=TEXT_LIMIT, blank=True)
    cover = models.FileField(
        _("cover image"), upload_to="community/practices/%Y/%m/", max_length=300, blank=True
    )
    groups = models.ManyToManyField(
        "workgroups.WorkingGroup",
        verbose_name=_("working groups"),
        blank=True,
        related_name="good_practices",
    )
    calls = models.ManyToManyField(
        "calls.FundingCall",
        verbose_name=_("funding calls"),
        blank=True,
        related_name="good_practices",
    )
    courses = models.ManyToManyField(
        "training.Course", verbose_name=_("courses"), blank=True, related_name="good_practices"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("staff's reason"), max_length=2000, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    # what search_vector holds (coopportal.core.search), refreshed by the services
    SEARCH_VECTOR = weighted_vector(
        ("title", "A"),
        ("organisation", "A"),
        ("summary", "B"),
        ("problem", "C"),
        ("actions", "C"),
        ("results", "C"),
        ("transferability", "D"),
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-pk"]
        constraints = [
            status_check("community_practice_status_valid", PracticeStatus),
            models.CheckConstraint(
                condition=Q(kind__in=PracticeKind.values), name="community_practice_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="community_practice_published_has_date",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="community_practice_search"),
            GinIndex(
                fields=["title"], name="community_practice_title_trgm", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "published_at"], name="community_practice_public"),
            models.Index(fields=["proposer", "status"], name="community_practice_mine"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:practice_detail", args=[self.pk, self.slug or "caso"])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "caso"
        super().save(*args, **kwargs)

    # what a status *is*, for templates (they never compare status strings)
    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_returned(self) -> bool:
        return self.status == PracticeStatus.CHANGES_REQUESTED

    @property
    def is_rejected(self) -> bool:
        return self.status == PracticeStatus.REJECTED

    @property
    def status_tone(self) -> str:
        return {
            PracticeStatus.DRAFT: "secondary",
            PracticeStatus.SUBMITTED: "info",
            PracticeStatus.PUBLISHED: "success",
            PracticeStatus.CHANGES_REQUESTED: "warning",
            PracticeStatus.REJECTED: "danger",
        }[self.status]
