"""Reports to the board: the periodic one (beat) and the one for the general assembly.

A report is a `ReportRun` built by Celery (`tasks.build_report`): a PDF with a cover, the
participation figures of the period (`figures.period_summary`) and the dossier of the
recommendations forwarded or answered in the period (`exports.dossier_context` and the dossier's
sections); the periodic one is then e-mailed to every board member with the PDF attached.

`report_build` is idempotent and resumable: a run already done is left alone, a run whose PDF is
saved but whose e-mail is not sent goes on with the e-mail. Every failure marks the run failed with
the error (shown on the report's page). Transient ones (SMTP, network, database) are raised again so
that the task, which owns the retry policy, can try again from what is already saved; the others
(a template or a rendering bug) would fail the same way again, so they are only recorded, as the
exports do — and an eager Celery (no Redis) never turns them into a 500 of the request.
"""

import logging
import smtplib
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopportal.core.exceptions import DomainError
from coopportal.notifications.emails import absolute
from coopportal.notifications.services import notify

from .. import exports, figures, permissions, selectors
from ..models import ReportRun
from ..notifications import REPORT_READY
from ..pdf import render_pdf
from ..workflows import REPORT_RUN

logger = logging.getLogger(__name__)

ROME = exports.ROME
MAX_YEARS = 5
RETRYABLE = (smtplib.SMTPException, OSError, OperationalError)


# Periods ---------------------------------------------------------------------------------------


def previous_month(today: date) -> tuple[date, date]:
    """The calendar month before the one of `today`: (first day, last day)."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _longer_than_years(start: date, end: date, years: int) -> bool:
    """Compared as (year, month, day): no date arithmetic to overflow or trip on 29 February."""
    return (start.year + years, start.month, start.day) < (end.year, end.month, end.day)


def _check_period(start: date, end: date) -> None:
    if not isinstance(start, date) or not isinstance(end, date):
        raise DomainError(_("Choose the first and the last day of the period."))
    if end < start:
        raise DomainError(_("The end of the period cannot come before its start."))
    if end > timezone.localdate(timezone=ROME):
        raise DomainError(_("The period cannot end in the future."))
    if _longer_than_years(start, end, MAX_YEARS):
        raise DomainError(
            _("The period can be at most %(years)d years long.") % {"years": MAX_YEARS}
        )


def period_label(run: ReportRun) -> str:
    return f"{run.period_start:%d/%m/%Y} – {run.period_end:%d/%m/%Y}"


# Starting a report -----------------------------------------------------------------------------


def periodic_report_start(*, today: date | None = None) -> ReportRun | None:
    """Beat: the report of the previous calendar month (Europe/Rome). Once per period: when the
    run exists already (a second firing, or two beats at once) nothing happens and None is
    returned; the unique constraint decides, not a check that a race could pass."""
    from ..tasks import build_report

    start, end = previous_month(today or timezone.localdate(timezone=ROME))
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                kind=ReportRun.Kind.PERIODIC, period_start=start, period_end=end
            )
    except IntegrityError:
        logger.info("The periodic report %s – %s exists already", start, end)
        return None
    build_report.delay_on_commit(run.pk)
    return run


def assembly_report_start(*, by, start: date, end: date) -> ReportRun:
    """A board member asks for the report of a period, for the general assembly."""
    from ..tasks import build_report

    if not permissions.can_use_board_area(by):
        raise DomainError(_("Only the board can ask for a report."), code="forbidden")
    _check_period(start, end)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.ASSEMBLY, period_start=start, period_end=end, requested_by=by
    )
    build_report.delay_on_commit(run.pk)
    return run


# Building --------------------------------------------------------------------------------------


def report_recommendations(run: ReportRun):
    """The recommendations forwarded to the board or answered by it in the period."""
    period = figures.Period(run.period_start, run.period_end)
    return selectors.recommendation_list().filter(
        period.within("forwarded_at") | period.within("answered_at")
    )


def report_title(run: ReportRun) -> str:
    if run.kind == ReportRun.Kind.ASSEMBLY:
        return _("Report to the general assembly")
    return _("Periodic report to the board")


def _summary(run: ReportRun) -> list[tuple[str, int]]:
    """The participation headline numbers of the period, labels in the active language."""
    return figures.period_summary(start=run.period_start, end=run.period_end)


def render_report(run: ReportRun) -> bytes:
    """The report's PDF: a cover with the period, the participation table, then the dossier of
    the recommendations of the period (the exports' dossier context and sections)."""
    context = exports.dossier_context(
        report_recommendations(run),
        title=report_title(run),
        period=(run.period_start, run.period_end),
    )
    context.update(run=run, summary=_summary(run))
    return render_pdf("board/pdf/report.html", context)


def report_filename(run: ReportRun) -> str:
    return f"report-{run.kind}-{run.period_start:%Y%m%d}-{run.period_end:%Y%m%d}.pdf"


def _file_language(run: ReportRun) -> str:
    """The language of the run's stored PDF: the requester's, or the portal's for the periodic
    report (which nobody asked for)."""
    return getattr(run.requested_by, "language", None) or settings.LANGUAGE_CODE


def _save_pdf(run: ReportRun) -> None:
    with translation.override(_file_language(run)):
        data = render_report(run)
    run.file.save(report_filename(run), ContentFile(data), save=False)
    run.save(update_fields=["file"])


def _report_url(run: ReportRun) -> str:
    return reverse("board:report_detail", args=[run.pk])


def _message(run: ReportRun, user, pdf: bytes, base: dict) -> EmailMultiAlternatives:
    """One board member's e-mail, in their language, with the PDF attached. `base` is the
    context shared by every recipient; the summary's labels are read once per language."""
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        summaries = base["summaries"]
        if language not in summaries:
            summaries[language] = _summary(run)
        context = {
            **base,
            "user": user,
            "title": report_title(run),
            "summary": summaries[language],
        }
        subject = render_to_string("board/emails/report_subject.txt", context)
        text = render_to_string("board/emails/report_body.txt", context)
        html = render_to_string("board/emails/report_body.html", context)
    message = EmailMultiAlternatives(
        subject=settings.NOTIFICATIONS_SUBJECT_PREFIX + " ".join(subject.split())[:200],
        body=text,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.attach(report_filename(run), pdf, "application/pdf")
    return message


def _email_board(run: ReportRun) -> int:
    """E-mail the report to every board member over one SMTP connection; returns how many.
    Each gets the PDF in their own language: the stored file is in the portal's, the others are
    rendered once per language that the board speaks."""
    with run.file.open("rb") as handle:
        pdfs = {_file_language(run): handle.read()}

    def pdf_in(language):
        if language not in pdfs:
            with translation.override(language):
                pdfs[language] = render_report(run)
        return pdfs[language]

    base = {
        "run": run,
        "url": absolute(_report_url(run)),
        "count": report_recommendations(run).count(),
        "summaries": {},
    }
    messages = [
        _message(run, user, pdf_in(user.language or settings.LANGUAGE_CODE), base)
        for user in selectors.board_members()
    ]
    if not messages:
        return 0
    return get_connection(fail_silently=False).send_messages(messages) or 0


def _finish(run_id: int) -> ReportRun:
    """Send (periodic run, not sent yet), tell the board in the portal and mark the run done, in
    one transaction on the locked row: a second worker on the same run waits, then sees it done."""
    with transaction.atomic():
        run = (
            ReportRun.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .get(pk=run_id)
        )
        if ReportRun.Status.DONE not in REPORT_RUN.targets(run):
            return run
        fields = ["status", "error", "finished_at"]
        if run.kind == ReportRun.Kind.PERIODIC and run.sent_at is None:
            run.recipients = _email_board(run)
            run.sent_at = timezone.now()
            fields += ["recipients", "sent_at"]
        run.status, run.error, run.finished_at = ReportRun.Status.DONE, "", timezone.now()
        run.save(update_fields=fields)
        notify(
            REPORT_READY.name,
            selectors.board_members(),
            target=run,
            context={"period": period_label(run)},
            url=_report_url(run),
        )
    return run


def _fail(run_id: int, exc: Exception) -> None:
    ReportRun.objects.filter(pk=run_id).exclude(status=ReportRun.Status.DONE).update(
        status=ReportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
    )


def report_build(*, run_id: int) -> ReportRun | None:
    """Build a report's PDF and, for the periodic one, e-mail it (the Celery task).

    Idempotent: a missing or done run is returned as it is; the PDF is built only if the run has
    none yet; the e-mail is sent only if it was not. On failure the run is marked failed with the
    error; transient errors (RETRYABLE) are raised again for the task's retry policy.
    """
    run = ReportRun.objects.select_related("requested_by").filter(pk=run_id).first()
    if run is None or ReportRun.Status.RUNNING not in REPORT_RUN.targets(run):
        return run  # done: left as it is
    ReportRun.objects.filter(pk=run.pk).exclude(status=ReportRun.Status.DONE).update(
        status=ReportRun.Status.RUNNING, error=""
    )
    try:
        if not run.file:
            _save_pdf(run)
        return _finish(run.pk)
    except Exception as exc:
        logger.exception("Board report %s failed", run.pk)
        _fail(run.pk, exc)
        if isinstance(exc, RETRYABLE):
            raise
        run.refresh_from_db()
        return run
