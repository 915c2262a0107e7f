"""Enrolments (the seats of a course, moved by coopportal/core/capacity.py), attendance of each
session, and the certificates issued from it.

An enrolment is confirmed while seats remain, then waiting (first come, with `waiting_since`);
a freed seat is offered to the first person waiting until a deadline (`offer_expires_at`); an
offer not confirmed in time lapses (`expired`); leaving a seat, an offer or the list is
`cancelled`. Staff keep the payment state.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopportal.core.capacity import seat_constraints
from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .catalogue import PRICE, Course, CourseSession

User = settings.AUTH_USER_MODEL


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    EXPIRED = "expired", _("Offer expired")
    CANCELLED = "cancelled", _("Cancelled")


class Payment(models.TextChoices):
    NONE = "none", _("Nothing to pay")
    TO_PAY = "to_pay", _("To pay")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")


class Enrolment(TimeStampedModel):
    """A person's seat in a course, place on its waiting list, offer, or a past one."""

    Status = EnrolmentStatus
    Payment = Payment

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus.choices)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    price = models.DecimalField(_("price (€)"), **PRICE)
    payment = models.CharField(
        _("payment"), max_length=10, choices=Payment.choices, default=Payment.NONE
    )
    note = models.TextField(_("staff note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "created_at", "pk"]
        constraints = [
            *seat_constraints("training_enrolment", parent_fk="course"),
            status_check("training_enrolment_status_valid", EnrolmentStatus),
            status_check("training_enrolment_payment_valid", Payment, field="payment"),
        ]
        indexes = [
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(status="offered"),
                name="training_enrolment_offers",
            ),
            models.Index(
                fields=["course", "waiting_since", "id"],
                condition=Q(status="waiting"),
                name="training_enrolment_waiting",
            ),
            models.Index(fields=["user", "status"], name="training_enrolment_mine"),
        ]

    def __str__(self):
        return f"{self.user} → {self.course}: {self.get_status_display()}"


class AttendanceHow(models.TextChoices):
    REGISTER = "register", pgettext_lazy("attendance register", "Register")
    CHECKIN = "checkin", _("Self check-in")


class Attendance(models.Model):
    """Whether a person was at a session, and how it was recorded."""

    How = AttendanceHow

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"))
    how = models.CharField(_("recorded by"), max_length=10, choices=AttendanceHow.choices)
    marked_by = models.ForeignKey(
        User,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_attendance_once"),
            status_check("training_attendance_how_valid", AttendanceHow, field="how"),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.session_id}: {self.present}"


def new_certificate_code() -> str:
    """12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), grouped by 4."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(TimeStampedModel):
    """A certificate of attendance: what the public verification page shows (name, course, hours,
    date) is kept on the row as it was issued; a re-issue updates it and keeps the code."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="certificates"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(
        _("verification code"), max_length=14, unique=True, default=new_certificate_code
    )
    holder_name = models.CharField(_("name on the certificate"), max_length=200)
    course_title = models.CharField(_("course on the certificate"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    attendance_rate = models.PositiveSmallIntegerField(_("attendance (%)"))
    issued_at = models.DateTimeField(_("issued"))
    issue_count = models.PositiveSmallIntegerField(_("times issued"), default=1)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="training_certificate_once"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="training_certificate_revoked_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.holder_name}"

    def get_verify_url(self):
        return reverse("training:certificate_verify", args=[self.code])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
