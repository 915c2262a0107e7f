import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import NamedInLanguages, TimeStampedModel
from coopportal.core.workflow import status_check

STAFF_GROUP = "Staff"
BOARD_GROUP = "Board"


class Region(models.Model):
    code = models.CharField(_("ISTAT code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Province(models.Model):
    code = models.CharField(_("ISTAT code"), max_length=3, unique=True)
    sigla = models.CharField(_("abbreviation"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="provinces"
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.sigla})"


class Sector(NamedInLanguages, models.Model):
    """An economic sector (ATECO 2007 section, NACE Rev. 2), named in the four languages."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_it = models.CharField(_("name (Italian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True, default="")
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("economic sector")
        verbose_name_plural = _("economic sectors")
        ordering = ["code"]

    def __str__(self):
        return self.name


class EnterpriseSize(models.TextChoices):
    """The size of an enterprise (EU recommendation 2003/361: staff and turnover)."""

    MICRO = "micro", _("Micro enterprise (fewer than 10 people)")
    SMALL = "small", _("Small enterprise (fewer than 50 people)")
    MEDIUM = "medium", _("Medium enterprise (fewer than 250 people)")
    LARGE = "large", _("Large enterprise")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


membership_number_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9/.\-]{0,29}$",
    _("Use letters, digits, '/', '.' or '-' only (at most 30 characters)."),
)


# the address an erased account is left with: deleted-<pk>@deleted.invalid (.invalid never resolves)
ERASED_DOMAIN = "deleted.invalid"


class User(AbstractUser):
    """A person. The e-mail address is the login; membership is verified by staff."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors of activity"),
        blank=True,
        related_name="users",
        help_text=_("What you or your enterprise work in: calls of these sectors are shown first."),
    )
    enterprise_size = models.CharField(
        _("size of your enterprise"),
        max_length=10,
        choices=EnterpriseSize.choices,
        blank=True,
        help_text=_("Leave empty if you take part as a person."),
    )
    membership_number = models.CharField(
        _("membership number"),
        max_length=30,
        null=True,
        blank=True,
        unique=True,
        validators=[membership_number_validator],
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    membership_verified_at = models.DateTimeField(
        _("membership verified at"), null=True, blank=True
    )
    erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(membership_verified_at__isnull=True)
                | models.Q(membership_number__isnull=False, member_since__isnull=False),
                name="accounts_user_verified_member_has_number",
            ),
        ]

    def __str__(self):
        if self.is_erased:
            return str(_("Deleted member"))
        return self.get_full_name() or self.email

    @property
    def is_erased(self) -> bool:
        """Whether the person's data was erased. Read without a query when `erased_at` was left
        out of the SELECT (lists that load people with only()): the erased address says it."""
        deferred = self.get_deferred_fields()
        if "erased_at" not in deferred:
            return self.erased_at is not None
        return "email" not in deferred and self.email.endswith("@" + ERASED_DOMAIN)

    @property
    def display_name(self):
        if self.is_erased:
            return str(_("Deleted member"))
        return self.get_full_name() or self.email.split("@")[0]

    @property
    def is_member(self) -> bool:
        return self.membership_verified_at is not None


class MembershipRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    APPROVED = "approved", _("Verified")
    REJECTED = "rejected", _("Rejected")


class MembershipRequest(TimeStampedModel):
    """A person asks staff to verify that they are a member of the cooperative."""

    Status = MembershipRequestStatus  # module level, so that Meta's status_check can name it

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    membership_number = models.CharField(
        _("membership number"), max_length=30, validators=[membership_number_validator]
    )
    member_since = models.DateField(_("member since"))
    note = models.TextField(_("note for staff"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_membership_requests",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accounts_one_pending_membership_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="accounts_rejected_membership_request_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(reviewed_at__isnull=False),
                name="accounts_reviewed_membership_request_has_date",
            ),
            status_check("accounts_membership_request_status_valid", MembershipRequestStatus),
        ]

    def __str__(self):
        return f"{self.user} — {self.membership_number}"

    @property
    def is_pending(self) -> bool:
        """Waiting for the staff (who may review it: accounts/workflows.py)."""
        return self.status == MembershipRequestStatus.PENDING


# The moves of a membership request; its Workflow is in accounts/workflows.py (the predicates in
# permissions.py import this module).
MEMBERSHIP_REQUEST_TRANSITIONS = {
    MembershipRequest.Status.PENDING: {
        MembershipRequest.Status.APPROVED,
        MembershipRequest.Status.REJECTED,
    },
    MembershipRequest.Status.APPROVED: set(),
    MembershipRequest.Status.REJECTED: set(),
}


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed (their sessions and meetings, .ics).

    Anyone holding the address reads the feed, so it is long and random; regenerating it replaces
    the secret and the old address stops working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    secret = models.CharField(
        _("secret"), max_length=64, unique=True, default=new_calendar_secret, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user_id}"


def data_archive_path(archive, filename):
    return f"your-data/{archive.user_id}/{secrets.token_urlsafe(16)}.zip"


class DataArchive(models.Model):
    """An archive of what the portal holds about a person, asked by them ("Download my data"),
    built by Celery and downloadable only by them until `expires_at` (then purged)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="data_archives",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to=data_archive_path, blank=True, max_length=300)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data archive")
        verbose_name_plural = _("data archives")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.created_at.date().isoformat()}"
