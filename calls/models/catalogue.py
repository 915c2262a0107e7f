"""The catalogue: funding calls and aid, their deadlines and documents, and the imports that feed
it.

A call comes from a source (an open-data catalogue, a staff-kept CSV, or staff by hand); the
source's own id is its key, so a re-import updates the same row. Every parsed number keeps the
source's text beside it (`*_raw`), and anything the source did not say stays unknown: an empty
set of sectors, territories, beneficiaries or sizes means "not known", never "nobody".

The status follows from the dates (`status_for`): forthcoming before the opening, open until the
last deadline, closed after it. It is stored (for filters and facets) by the services that change
the dates and by the beat job `calls.refresh_statuses`, which also catches the calls whose dates
passed since.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import EnterpriseSize
from coopportal.core.models import NamedInLanguages, TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.uploads import DOCUMENTS
from coopportal.core.workflow import status_check

User = settings.AUTH_USER_MODEL

AMOUNT = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}


class FunderType(models.TextChoices):
    EU = "eu", _("European Union")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional or local")
    FOUNDATION = "foundation", _("Foundation")
    PRIVATE = "private", _("Private")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by staff")
    INCENTIVI = "incentivi", _("incentivi.gov.it")
    SEDIA = "sedia", _("EU Funding & Tenders")
    PADIGITALE = "padigitale", _("PA digitale 2026")
    CSV = "csv", _("Staff-kept CSV")


class CallStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Beneficiary(NamedInLanguages, models.Model):
    """Who a call is for (reference data): cooperatives, enterprises, third sector, public bodies,
    research, people. `for_members` marks the kinds that are the members themselves (the aid and
    contributions of the #smartCoop case)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_it = models.CharField(_("name (Italian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_de = models.CharField(_("name (German)"), max_length=100, blank=True, default="")
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True, default="")
    for_members = models.BooleanField(_("aid for the members themselves"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("kind of beneficiary")
        verbose_name_plural = _("kinds of beneficiary")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


def status_for(*, opens_at, last_deadline_at, now) -> str:
    """The status the dates give: forthcoming before `opens_at`, closed after `last_deadline_at`
    (a call without deadline stays open: "until funds run out"), open in between."""
    if opens_at is not None and opens_at > now:
        return CallStatus.FORTHCOMING
    if last_deadline_at is not None and last_deadline_at <= now:
        return CallStatus.CLOSED
    return CallStatus.OPEN


def open_q(now, prefix: str = "") -> Q:
    """The calls open at `now`, by their dates (exact even between two beat runs)."""
    return (Q(**{f"{prefix}opens_at__isnull": True}) | Q(**{f"{prefix}opens_at__lte": now})) & (
        Q(**{f"{prefix}last_deadline_at__isnull": True})
        | Q(**{f"{prefix}last_deadline_at__gt": now})
    )


class FundingCall(TimeStampedModel):
    """A funding call or an aid scheme, from the EU to a local foundation."""

    # the fields an import writes; a field staff edit joins `curated_fields` and imports leave it
    CURATABLE = (
        "title",
        "funder",
        "funder_type",
        "link",
        "summary",
        "body",
        "aid_form",
        "min_amount",
        "max_amount",
        "total_budget",
        "cofinancing_rate",
        "opens_at",
        "all_sectors",
        "sectors",
        "regions",
        "provinces",
        "whole_italy",
        "abroad",
        "beneficiaries",
        "size_micro",
        "size_small",
        "size_medium",
        "size_large",
    )

    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    source_id = models.CharField(_("id at the source"), max_length=200, blank=True)
    source_updated_at = models.DateTimeField(_("updated at the source"), null=True, blank=True)
    source_data = models.JSONField(_("record as imported"), default=dict, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    curated_fields = models.JSONField(
        _("fields curated by staff"),
        default=list,
        blank=True,
        help_text=_("Imports never overwrite these fields."),
    )

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("short name"), max_length=80, blank=True, allow_unicode=False)
    funder = models.CharField(_("funder"), max_length=300, blank=True)
    funder_type = models.CharField(
        _("funder type"), max_length=20, choices=FunderType.choices, blank=True
    )
    link = models.URLField(_("official page"), max_length=1000, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    body = models.TextField(
        _("description"), max_length=50000, blank=True, help_text=_("Markdown.")
    )
    aid_form = models.CharField(
        _("form of aid"),
        max_length=300,
        blank=True,
        help_text=_("Grant, subsidised loan, guarantee, tax credit…"),
    )

    min_amount = models.DecimalField(_("minimum amount (€)"), **AMOUNT)
    min_amount_raw = models.CharField(_("minimum amount as published"), max_length=200, blank=True)
    max_amount = models.DecimalField(_("maximum amount (€)"), **AMOUNT)
    max_amount_raw = models.CharField(_("maximum amount as published"), max_length=200, blank=True)
    total_budget = models.DecimalField(_("total budget (€)"), **AMOUNT)
    total_budget_raw = models.CharField(_("total budget as published"), max_length=300, blank=True)
    cofinancing_rate = models.DecimalField(
        _("co-financing required (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("The share of the costs the applicant pays itself."),
    )
    cofinancing_raw = models.CharField(_("co-financing as published"), max_length=300, blank=True)

    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    internal_deadline_days = models.PositiveSmallIntegerField(
        _("internal deadline (days before)"),
        default=10,
        validators=[MaxValueValidator(180)],
        help_text=_("Applications through the cooperative close this many days before a deadline."),
    )
    # kept from the deadlines by calls.services (call_dates_refresh): for filters and reminders
    next_deadline_at = models.DateTimeField(
        _("next deadline"), null=True, blank=True, editable=False
    )
    last_deadline_at = models.DateTimeField(
        _("last deadline"), null=True, blank=True, editable=False
    )
    internal_deadline_at = models.DateTimeField(
        _("internal deadline"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CallStatus.choices,
        default=CallStatus.OPEN,
        editable=False,
    )
    opened_at = models.DateTimeField(
        _("known open since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the portal first saw the call open (followers are told then)."),
    )

    all_sectors = models.BooleanField(_("all sectors"), default=False)
    sectors = models.ManyToManyField(
        "accounts.Sector", verbose_name=_("sectors"), blank=True, related_name="funding_calls"
    )
    sectors_raw = models.TextField(_("sectors as published"), max_length=5000, blank=True)
    whole_italy = models.BooleanField(_("the whole of Italy"), default=False)
    abroad = models.BooleanField(_("abroad"), default=False)
    regions = models.ManyToManyField(
        "accounts.Region", verbose_name=_("regions"), blank=True, related_name="funding_calls"
    )
    provinces = models.ManyToManyField(
        "accounts.Province", verbose_name=_("provinces"), blank=True, related_name="funding_calls"
    )
    territory_raw = models.TextField(_("territory as published"), max_length=5000, blank=True)
    beneficiaries = models.ManyToManyField(
        Beneficiary, verbose_name=_("beneficiaries"), blank=True, related_name="calls"
    )
    beneficiaries_raw = models.TextField(
        _("beneficiaries as published"), max_length=5000, blank=True
    )
    # the enterprise sizes a call admits; none ticked: not known
    size_micro = models.BooleanField(_("micro enterprises"), default=False)
    size_small = models.BooleanField(_("small enterprises"), default=False)
    size_medium = models.BooleanField(_("medium enterprises"), default=False)
    size_large = models.BooleanField(_("large enterprises"), default=False)

    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished calls are seen by staff only.")
    )
    followers_count = models.PositiveIntegerField(_("followers"), default=0, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_VECTOR = weighted_vector(
        ("title", "A"), ("funder", "B"), ("summary", "B"), ("aid_form", "C"), ("body", "D")
    )

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["next_deadline_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="calls_call_source_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(source="manual") | ~Q(source_id=""),
                name="calls_call_imported_has_source_id",
            ),
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(min_amount__lte=models.F("max_amount")),
                name="calls_call_min_not_above_max",
            ),
            status_check("calls_call_status_valid", CallStatus),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="calls_call_search"),
            GinIndex(fields=["title"], name="calls_call_title_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["status", "next_deadline_at"], name="calls_call_status_deadline"),
            models.Index(fields=["internal_deadline_at"], name="calls_call_internal_deadline"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:call_detail", args=[self.pk, self.slug or "bando"])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "bando"
        super().save(*args, **kwargs)

    @property
    def sizes(self) -> list[str]:
        """The enterprise sizes admitted ([] when not known)."""
        return [size for size in EnterpriseSize.values if getattr(self, f"size_{size}", False)]

    @property
    def is_open(self) -> bool:
        return (
            status_for(
                opens_at=self.opens_at, last_deadline_at=self.last_deadline_at, now=timezone.now()
            )
            == CallStatus.OPEN
        )

    def internal_deadline_for(self, deadline_at):
        return deadline_at - timedelta(days=self.internal_deadline_days) if deadline_at else None


class CallDeadline(models.Model):
    """One cut-off of a call (a call may have several; a two-stage call has one per stage)."""

    call = models.ForeignKey(
        FundingCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="deadlines"
    )
    closes_at = models.DateTimeField(_("closes at"))
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("E.g. 'first cut-off', 'stage 2'.")
    )

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["closes_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "closes_at"], name="calls_deadline_unique")
        ]

    def __str__(self):
        return self.label or str(self.closes_at)


def call_document_path(instance, filename):
    return f"calls/documents/{instance.call_id}/{filename}"


class CallDocument(models.Model):
    """A document of a call: the notice, the forms, the FAQ — a kept file or a link."""

    ALLOWED = DOCUMENTS
    MAX_BYTES = 20 * 1024 * 1024

    call = models.ForeignKey(
        FundingCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=call_document_path, max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="calls_document_file_or_link"
            )
        ]

    def __str__(self):
        return self.title


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(TimeStampedModel):
    """One import of a file into the catalogue (from the command line or the admin), with its
    counts and, per refused record, the reason."""

    Status = ImportStatus

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    file = models.FileField(_("file"), upload_to="calls/imports/", max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_imports",
    )
    total = models.PositiveIntegerField(_("records"), default=0)
    processed = models.PositiveIntegerField(_("records processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    refusals = models.JSONField(_("refused records"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of calls")
        verbose_name_plural = _("imports of calls")
        ordering = ["-created_at"]
        constraints = [status_check("calls_import_status_valid", ImportStatus)]

    def __str__(self):
        return f"{self.get_source_display()} {self.filename}".strip()

    @property
    def progress(self) -> int:
        """Per cent done (0–100)."""
        return 100 if not self.total else min(100, round(100 * self.processed / self.total))
