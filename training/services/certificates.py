"""Certificates of attendance.

A person holding a confirmed seat gets a certificate once their attendance (hours present / hours
of the course's sessions) reaches the course's `attendance_threshold`: `certificates_issue_due`
runs when the register of the last session is saved or someone checks in to it, and staff can
issue the due ones at any time. The row keeps what the public verification page shows (name,
course, hours, date) as issued; staff re-issue it (new name, hours and date, same code) or revoke
it with a reason. The PDF carries the code and a QR code of the public verification address.
"""

import base64

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import TrainingError
from ..models import Certificate, Course
from ..selectors import attendance as attendance_selectors


def holder_name(user) -> str:
    return user.get_full_name() or user.display_name


def verify_url(certificate) -> str:
    """The absolute public address that verifies `certificate` (what its QR code holds)."""
    return settings.SITE_URL.rstrip("/") + certificate.get_verify_url()


def download_url(certificate) -> str:
    return reverse("training:certificate_download", args=[certificate.code])


def normalize_code(code) -> str:
    """A typed code as stored: upper case, dashes every 4 characters (dashes and spaces typed or
    not); "" for anything that cannot be a code."""
    raw = "".join(ch for ch in str(code or "")[:100] if ch.isalnum()).upper()
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_find(code) -> Certificate | None:
    code = normalize_code(code)
    if not code:
        return None
    return Certificate.objects.select_related("course", "user").filter(code=code).first()


def _require_staff(by):
    if not permissions.can_manage_training(by):
        raise TrainingError(_("Only staff can do this."), code="forbidden")


@transaction.atomic
def certificates_issue_due(*, course, by=None, force=False) -> list[Certificate]:
    """Issue a certificate to every confirmed enrollee whose attendance reaches the threshold and
    has none yet. Unless `force` (staff's "issue now"), only once the last session has started.
    Returns the certificates issued now."""
    now = timezone.now()
    if not force and not attendance_selectors.last_session_started(course, now):
        return []
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)  # one issuer
    rates = attendance_selectors.course_rates(course)
    due = {uid: r for uid, r in rates.items() if r >= course.attendance_threshold}
    due_ids = set(due) - set(
        Certificate.objects.filter(course=course, user_id__in=due).values_list("user_id", flat=True)
    )
    if not due_ids:
        return []
    hours = attendance_selectors.course_hours(course)
    issued = []
    for user in get_user_model().objects.filter(pk__in=due_ids).order_by("pk"):
        certificate = Certificate.objects.create(
            course=course,
            user=user,
            holder_name=holder_name(user),
            course_title=course.title,
            hours=hours,
            attendance_rate=due[user.pk],
            issued_at=now,
        )
        log_action(
            target=certificate, action="training.certificate.issued", by=by, rate=due[user.pk]
        )
        notify(
            notifications.CERTIFICATE_ISSUED.name,
            [user.pk],
            target=certificate,
            url=download_url(certificate),
            context={"course": course.title, "code": certificate.code},
            exclude_actor=False,
        )
        issued.append(certificate)
    return issued


def certificates_issue_now(*, course, by) -> list[Certificate]:
    """Staff issue the certificates due in `course` now, before or after its last session."""
    _require_staff(by)
    return certificates_issue_due(course=course, by=by, force=True)


@transaction.atomic
def certificate_reissue(*, certificate, by, reason="") -> Certificate:
    """Staff issue `certificate` again with the person's name, the course's title and hours and
    the attendance of today; the code stays, `issue_count` grows."""
    _require_staff(by)
    certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
    if certificate.is_revoked:
        raise TrainingError(
            _("This certificate is revoked: it cannot be issued again."), code="revoked"
        )
    course, user = certificate.course, certificate.user
    certificate.holder_name = holder_name(user)
    certificate.course_title = course.title
    certificate.hours = attendance_selectors.course_hours(course)
    certificate.attendance_rate = attendance_selectors.attendance_rates_for(user, [course])[
        course.pk
    ]
    certificate.issued_at = timezone.now()
    certificate.issue_count += 1
    certificate.save(
        update_fields=[
            "holder_name",
            "course_title",
            "hours",
            "attendance_rate",
            "issued_at",
            "issue_count",
            "updated_at",
        ]
    )
    log_action(
        target=certificate,
        action="training.certificate.reissued",
        by=by,
        reason=reason,
        issue_count=certificate.issue_count,
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate, by, reason) -> Certificate:
    """Staff revoke `certificate` with a reason (the holder reads it); the public page then says
    it is revoked, and since when."""
    _require_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Give a reason."), code="reason_required")
    certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
    if certificate.is_revoked:
        raise TrainingError(_("This certificate is already revoked."), code="revoked")
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoke_reason = reason[:2000]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    log_action(target=certificate, action="training.certificate.revoked", by=by, reason=reason)
    notify(
        notifications.CERTIFICATE_REVOKED.name,
        [certificate.user_id],
        target=certificate,
        url=certificate.get_verify_url(),
        actor=by,
        context={"course": certificate.course_title, "reason": reason},
    )
    return certificate


def qr_data_uri(payload: str) -> str:
    """`payload` as a QR code, an SVG in a data: URI (for an <img> in HTML or a PDF)."""
    svg = segno.make(payload, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def certificate_html(certificate, language) -> str:
    """The certificate's page as HTML in `language` (what the PDF is made of)."""
    url = verify_url(certificate)
    with translation.override(language):
        return render_to_string(
            "training/pdf/certificate.html",
            {
                "certificate": certificate,
                "verify_url": url,
                "qr": qr_data_uri(url),
                "title": _("Certificate of attendance"),
            },
        )


def certificate_pdf(certificate, language) -> bytes:
    """The certificate as a PDF (WeasyPrint), with its code and the QR code of its public page."""
    from weasyprint import HTML  # imported here: only PDFs need its system libraries

    html = certificate_html(certificate, language)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
