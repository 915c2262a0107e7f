"""Applications through the cooperative: a lead member proposes a project for a call, invites
co-applicant members, lists a budget, ticks the cooperative's rules, and submits; staff review,
decide, and send the approved ones to the funder in the cooperative's name.

The statuses and their moves are in calls/workflows.py (one Workflow on the core engine); the rules
of the cooperative (`Rule`) are defined by staff globally or per call, some checked from data, the
others declared by the lead (`RuleDeclaration`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.uploads import DOCUMENTS
from coopportal.core.workflow import status_check

from .catalogue import FundingCall

User = settings.AUTH_USER_MODEL

MONEY = {"max_digits": 14, "decimal_places": 2}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the cooperative")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved by the cooperative")
    REJECTED = "rejected", _("Not approved")
    SUBMITTED_TO_FUNDER = "submitted_to_funder", _("Submitted to the funder")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TimeStampedModel):
    """A project a member proposes for a call, which the cooperative submits as legal entity."""

    Status = ApplicationStatus

    call = models.ForeignKey(
        FundingCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    lead = models.ForeignKey(
        User,
        verbose_name=_("lead member"),
        on_delete=models.PROTECT,
        related_name="led_applications",
    )
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary of the project"), max_length=10000, blank=True)
    requested_amount = models.DecimalField(
        _("amount requested (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    review_started_at = models.DateTimeField(_("review started at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_applications",
    )
    decision_reason = models.TextField(
        _("reasons of the decision"),
        max_length=5000,
        blank=True,
        help_text=_("The applicants read it."),
    )
    sent_to_funder_at = models.DateTimeField(_("submitted to the funder at"), null=True, blank=True)
    outcome_at = models.DateTimeField(_("funder's answer at"), null=True, blank=True)
    funded_amount = models.DecimalField(_("amount granted (€)"), **MONEY, null=True, blank=True)
    # The form's one-time key: two tabs (or a double click) posting the same new draft make one.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            status_check("calls_application_status_valid", ApplicationStatus),
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gt=0),
                name="calls_application_amount_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "call"], name="calls_app_status_call")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:application_detail", args=[self.pk])


class CoApplicantStatus(models.TextChoices):
    PENDING = "pending", _("Invited, no answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Invitation expired")


class CoApplicant(models.Model):
    """A member the lead invites to take part in an application; they accept or decline."""

    Status = CoApplicantStatus

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="co_applicants",
    )
    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="co_applications"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CoApplicantStatus.choices,
        default=CoApplicantStatus.PENDING,
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="calls_coapplicant_once"),
            status_check("calls_coapplicant_status_valid", CoApplicantStatus),
        ]

    def __str__(self):
        return str(self.user)


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    description = models.CharField(_("item"), max_length=300)
    amount = models.DecimalField(
        _("amount (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="calls_budget_amount_positive")
        ]

    def __str__(self):
        return self.description


def attachment_path(instance, filename):
    return f"calls/applications/{instance.application_id}/{filename}"


class ApplicationAttachment(TimeStampedModel):
    ALLOWED = DOCUMENTS
    MAX_BYTES = 10 * 1024 * 1024
    MAX_PER_APPLICATION = 10

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    content_type = models.CharField(max_length=100, editable=False)
    uploaded_by = models.ForeignKey(
        User,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="application_attachments",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class RuleKind(models.TextChoices):
    DECLARED = "declared", _("Declared by the lead")
    SENIORITY = "seniority", _("Membership seniority (months, at least)")
    BUDGET_CAP = "budget_cap", _("Amount requested (€, at most)")
    OPEN_APPLICATIONS = "open_applications", _("Open applications per member (at most)")
    COFINANCING = "cofinancing", _("Co-financing share of the budget (%, at least)")


class Rule(TimeStampedModel):
    """One of the cooperative's rules for applications: for every call (no call) or for one. The
    kinds other than `declared` are checked from data with `value` as their limit."""

    Kind = RuleKind

    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
        help_text=_("Empty: the rule applies to every call."),
    )
    title = models.CharField(_("rule"), max_length=300)
    description = models.TextField(_("explanation"), max_length=3000, blank=True)
    kind = models.CharField(
        _("how it is checked"),
        max_length=20,
        choices=RuleKind.choices,
        default=RuleKind.DECLARED,
    )
    value = models.DecimalField(
        _("limit"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("For the rules checked from data: months, euros, applications or per cent."),
    )
    is_active = models.BooleanField(_("in force"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rule for applications")
        verbose_name_plural = _("rules for applications")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="declared") | Q(value__isnull=False),
                name="calls_rule_checked_has_value",
            ),
            models.CheckConstraint(
                condition=~Q(kind="cofinancing") | Q(value__lte=100),
                name="calls_rule_cofinancing_share",
            ),
        ]

    def __str__(self):
        return self.title


class RuleDeclaration(models.Model):
    """The lead declares that the application meets a declared rule."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.CASCADE, related_name="declarations"
    )
    declared_by = models.ForeignKey(
        User,
        verbose_name=_("declared by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="rule_declarations",
    )
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(fields=["application", "rule"], name="calls_declaration_once")
        ]

    def __str__(self):
        return str(self.rule)


class Criterion(models.Model):
    """A criterion reviewers score from 1 to 5: for every call (no call) or for one."""

    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="criteria",
        help_text=_("Empty: used for every call."),
    )
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what to look at"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Review(TimeStampedModel):
    """A reviewer's assessment of one application: first a declaration of no conflict of
    interest, then a score per criterion and a comment. Applicants never see it."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        User, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_by = models.ForeignKey(
        User,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reviews",
    )
    no_conflict_at = models.DateTimeField(
        _("declared no conflict of interest at"), null=True, blank=True
    )
    conflict_declared_at = models.DateTimeField(
        _("declared a conflict of interest at"), null=True, blank=True
    )
    comment = models.TextField(_("comment"), max_length=10000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    average = models.DecimalField(
        _("average score"), max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="calls_review_once"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(no_conflict_at__isnull=False),
                name="calls_review_submitted_without_conflict",
            ),
            models.CheckConstraint(
                condition=Q(no_conflict_at__isnull=True) | Q(conflict_declared_at__isnull=True),
                name="calls_review_conflict_one_way",
            ),
        ]

    def __str__(self):
        return f"{self.application} — {self.reviewer}"

    def get_absolute_url(self):
        return reverse("calls:review_detail", args=[self.pk])


class ReviewScore(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="calls_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="calls_score_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
