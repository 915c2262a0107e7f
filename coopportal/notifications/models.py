import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import registry
from .registry import Channel


class Notification(models.Model):
    """Something happened that a person should know: shown by the bell, maybe e-mailed."""

    class Email(models.TextChoices):
        NONE = "none", _("Not e-mailed")
        IMMEDIATE = "immediate", _("E-mailed at once")
        DIGEST_PENDING = "digest_pending", _("Waiting for the daily digest")
        DIGESTED = "digested", _("Sent in a daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email = models.CharField(
        _("e-mail"), max_length=20, choices=Email.choices, default=Email.NONE, db_index=True
    )
    digest = models.ForeignKey(
        "OutgoingEmail",
        verbose_name=_("digest e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digest_notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notif_recipient_unread",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(email="digest_pending"),
                name="notif_digest_pending",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def kind_spec(self):
        return registry.get(self.kind)

    @property
    def message(self) -> str:
        try:
            return self.kind_spec.render_message(self.context)
        except registry.UnknownKind:
            return self.kind

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=100)
    channel = models.CharField(_("delivery"), max_length=20, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.channel}"


class OutgoingEmail(models.Model):
    """The outbox: one e-mail to send, written in the same transaction as what causes it.

    A Celery task sends it after commit; a beat job re-dispatches rows left behind (Redis down, a
    worker killed). A row is claimed under a row lock before sending, so it is sent by one worker
    at a time, and its idempotency key is the e-mail's Message-ID.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Type(models.TextChoices):
        SINGLE = "single", _("Single notification")
        DIGEST = "digest", _("Daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="outgoing_emails",
    )
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.SINGLE)
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    notification = models.OneToOneField(
        Notification,
        verbose_name=_("notification"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outgoing_email",
    )
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=100, unique=True, default=uuid.uuid4
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="outbox_open",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(type="single") | models.Q(notification__isnull=False),
                name="outbox_single_has_notification",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} → {self.recipient_id} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        domain = getattr(settings, "NOTIFICATIONS_MESSAGE_ID_DOMAIN", "coopportal.local")
        return f"<{self.idempotency_key}@{domain}>"
