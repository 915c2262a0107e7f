"""Consent-first contact between members: a request with a short message, which the recipient
accepts or declines (contact details appear to both only after acceptance, and only the fields each
allowed); blocks; reports to staff.

The statuses and their moves are in matching/workflows.py. Two people are *connected* when a
request between them, in either direction, was accepted.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .profiles import Profile

User = settings.AUTH_USER_MODEL

REQUEST_LIFETIME = timedelta(days=30)


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class ContactRequest(TimeStampedModel):
    """A member asks another to get in touch."""

    Status = ContactStatus

    sender = models.ForeignKey(
        User, verbose_name=_("from"), on_delete=models.CASCADE, related_name="contacts_sent"
    )
    recipient = models.ForeignKey(
        User, verbose_name=_("to"), on_delete=models.CASCADE, related_name="contacts_received"
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    # where it was sent from (a funding call's or a call to action's partner finder), if anywhere
    call = models.ForeignKey(
        "calls.FundingCall",
        verbose_name=_("about the call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests",
    )
    action = models.ForeignKey(
        "calls.CallToAction",
        verbose_name=_("about the call to action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests",
    )

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            status_check("matching_contact_status_valid", ContactStatus),
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="matching_contact_not_self"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status="pending"),
                name="matching_contact_one_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["sender", "created_at"], name="matching_contact_sent"),
            models.Index(fields=["recipient", "status"], name="matching_contact_received"),
            models.Index(
                fields=["expires_at"],
                name="matching_contact_expiring",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class Block(models.Model):
    """`blocker` no longer wants to hear from `blocked`: they cannot find or contact each other."""

    blocker = models.ForeignKey(
        User, verbose_name=_("who blocks"), on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        User, verbose_name=_("blocked person"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="matching_block_unique"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="matching_block_not_self"
            ),
        ]
        indexes = [models.Index(fields=["blocked", "blocker"], name="matching_block_reverse")]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("To be looked at")
    RESOLVED = "resolved", _("Acted upon")
    DISMISSED = "dismissed", _("Dismissed")


class Report(TimeStampedModel):
    """A member tells staff about a profile or a contact request's message (moderation queue)."""

    Status = ReportStatus

    reporter = models.ForeignKey(
        User,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="matching_reports",
    )
    profile = models.ForeignKey(
        Profile,
        verbose_name=_("profile"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    contact_request = models.ForeignKey(
        ContactRequest,
        verbose_name=_("contact request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.TextField(_("what is wrong"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.TextField(_("what staff did"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            status_check("matching_report_status_valid", ReportStatus),
            models.CheckConstraint(
                condition=Q(profile__isnull=False) | Q(contact_request__isnull=False),
                name="matching_report_has_subject",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="matching_report_queue")]

    def __str__(self):
        return f"{self.reporter}: {self.profile or self.contact_request}"
