"""The toolbox: curated resources for cooperatives (a digital tool, a guide, a template, a recorded
webinar, a workshop's materials), each a link or a kept file, with the people who bookmark them
and a light counter of opens by day.

A resource staff add is published at once; one a member suggests waits for staff
(`suggested → published | rejected`, see `workflows.py`); staff may take a published resource
out of the toolbox (`archived`) and put it back.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.uploads import DOCUMENTS
from coopportal.core.workflow import status_check

__all__ = [
    "Resource",
    "ResourceArea",
    "ResourceAudience",
    "ResourceBookmark",
    "ResourceKind",
    "ResourceLanguage",
    "ResourceOpenDay",
    "ResourceStatus",
    "ResourceTag",
    "ResourceTarget",
]

User = settings.AUTH_USER_MODEL


class ResourceKind(models.TextChoices):
    TOOL = "tool", _("Digital tool")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    WEBINAR = "webinar", _("Recorded webinar")
    WORKSHOP = "workshop", _("Workshop materials")


class ResourceArea(models.TextChoices):
    DIGITAL = "digital", _("Digital tools")
    FUNDING = "funding", _("Funding")
    TRAINING = "training", _("Training")
    GOVERNANCE = "governance", _("Governance")
    COMMUNICATION = "communication", _("Communication")
    ADMINISTRATION = "administration", _("Administration and legal")


class ResourceLanguage(models.TextChoices):
    ITALIAN = "it", _("Italian")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other languages")


class ResourceAudience(models.TextChoices):
    """Who may open it: everyone (visitors too) or the members of the cooperative only."""

    EVERYONE = "everyone", _("Everyone")
    MEMBERS = "members", _("Members only")


class ResourceTarget(models.TextChoices):
    """Who it is meant for (a filter, not a permission)."""

    ALL = "all", _("Every cooperative")
    STARTUPS = "startups", _("Start-ups and new cooperatives")
    ENTERPRISES = "enterprises", _("Established enterprises")
    SOCIAL = "social", _("Social cooperatives and third sector")


class ResourceStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested, waiting for staff")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class ResourceTag(models.Model):
    """A free label of resources ("bilancio sociale", "privacy", "crowdfunding")."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("resource tag")
        verbose_name_plural = _("resource tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


def resource_file_path(instance, filename):
    return f"community/toolbox/{filename}"


class Resource(TimeStampedModel):
    """One curated resource: a link or a kept file (never both, never neither)."""

    Kind = ResourceKind
    Area = ResourceArea
    Status = ResourceStatus
    Audience = ResourceAudience
    ALLOWED = DOCUMENTS
    MAX_BYTES = 20 * 1024 * 1024

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short description"), max_length=500)
    description = models.TextField(
        _("description"), max_length=10000, blank=True, help_text=_("Markdown.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    area = models.CharField(_("area"), max_length=16, choices=ResourceArea.choices, db_index=True)
    tags = models.ManyToManyField(
        ResourceTag, verbose_name=_("tags"), blank=True, related_name="resources"
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=ResourceLanguage.choices,
        default=ResourceLanguage.ITALIAN,
    )
    audience = models.CharField(
        _("who may open it"),
        max_length=10,
        choices=ResourceAudience.choices,
        default=ResourceAudience.EVERYONE,
    )
    target = models.CharField(
        _("meant for"), max_length=12, choices=ResourceTarget.choices, default=ResourceTarget.ALL
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=resource_file_path, max_length=300, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)

    courses = models.ManyToManyField(
        "training.Course", verbose_name=_("courses"), blank=True, related_name="toolbox_resources"
    )
    groups = models.ManyToManyField(
        "workgroups.WorkingGroup",
        verbose_name=_("working groups"),
        blank=True,
        related_name="toolbox_resources",
    )
    calls = models.ManyToManyField(
        "calls.FundingCall",
        verbose_name=_("funding calls"),
        blank=True,
        related_name="toolbox_resources",
    )
    # by name only: the community's parts import nothing of each other
    practices = models.ManyToManyField(
        "community.Practice",
        verbose_name=_("good practices"),
        blank=True,
        related_name="toolbox_resources",
    )

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResourceStatus.choices,
        default=ResourceStatus.SUGGESTED,
        db_index=True,
    )
    suggested_by = models.ForeignKey(
        User,
        verbose_name=_("suggested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_suggestions",
    )
    suggestion_note = models.TextField(
        _("why it is useful (from whoever suggested it)"), max_length=2000, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        User,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        User,
        verbose_name=_("rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    # what search_vector holds (coopportal.core.search), refreshed by services.resource_text_refresh
    SEARCH_VECTOR = weighted_vector(("title", "A"), ("summary", "B"), ("description", "C"))

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-pk"]
        constraints = [
            status_check("toolbox_resource_status", ResourceStatus),
            models.CheckConstraint(
                condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                name="toolbox_resource_link_or_file",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="toolbox_resource_search"),
            GinIndex(
                fields=["title"], name="toolbox_resource_title_trgm", opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "risorsa"

    def get_absolute_url(self):
        return reverse("community:toolbox_detail", args=[self.pk, self.slug])

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    @property
    def is_members_only(self) -> bool:
        return self.audience == ResourceAudience.MEMBERS

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED

    @property
    def is_waiting(self) -> bool:
        return self.status == ResourceStatus.SUGGESTED

    @property
    def is_rejected(self) -> bool:
        return self.status == ResourceStatus.REJECTED


class ResourceBookmark(models.Model):
    """A member keeps a resource in "my bookmarks" (once: the constraint makes double clicks
    harmless)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="toolbox_bookmarks"
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="toolbox_bookmark_once")
        ]

    def __str__(self):
        return f"{self.user} → {self.resource}"


class ResourceOpenDay(models.Model):
    """How many times a resource was opened (its link followed, its file downloaded) on a day:
    one row per resource and day, incremented by one upsert (services.resource_opened)."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="open_days"
    )
    day = models.DateField(_("day"))
    opens = models.PositiveIntegerField(_("opens"), default=0)

    class Meta:
        verbose_name = _("resource opens of a day")
        verbose_name_plural = _("resource opens by day")
        constraints = [
            models.UniqueConstraint(fields=["resource", "day"], name="toolbox_open_day_once")
        ]
        indexes = [models.Index(fields=["day"], name="toolbox_open_day")]

    def __str__(self):
        return f"{self.resource_id} {self.day}: {self.opens}"
