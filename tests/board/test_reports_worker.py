"""The periodic report through a real Celery worker and Redis, as beat would run it: the task named
by the django-celery-beat entry builds the PDF and e-mails it over SMTP to every board member."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from board.exports import ROME
from board.models import ReportRun
from board.services.reports import previous_month
from coopportal.celery import app
from tests.factories import UserFactory, board_user
from tests.workgroups.factories import ProposalFactory
from workgroups.models import Proposal

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Uno sportello per i bandi regionali"


def attached_pdf(message) -> bytes:
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    return attachment.get_content()


def test_the_beat_entry_runs_on_a_real_worker_and_emails_the_pdf(settings, start_worker, smtp_sink):
    start, _end = previous_month(timezone.localdate())
    proposal = ProposalFactory(forwarded=True, title=TITLE)
    Proposal.objects.filter(pk=proposal.pk).update(
        forwarded_at=datetime.combine(start + timedelta(days=3), time(10), tzinfo=ROME)
    )
    board_user(email="cda-en@example.org", language="en")
    board_user(email="cda-it@example.org", language="it")
    UserFactory(email="socia@example.org", member=True)  # not on the board: no report
    start_worker(DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT))

    entry = PeriodicTask.objects.get(name="board: periodic report")
    assert entry.enabled and entry.crontab.day_of_month == "1"
    app.send_task(entry.task)  # what beat sends on the 1st of the month
    app.send_task(entry.task)  # beat firing twice: still one report, one e-mail each

    messages = smtp_sink.wait_for(2, timeout=90)
    assert sorted(m["To"] for m in messages) == ["cda-en@example.org", "cda-it@example.org"]
    by_address = {m["To"]: m for m in messages}
    assert (
        by_address["cda-en@example.org"]["Subject"] != by_address["cda-it@example.org"]["Subject"]
    )

    def pdf_text(message):
        reader = PdfReader(io.BytesIO(attached_pdf(message)))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    # each board member gets the PDF in their own language (board.services.reports._email_board)
    italian, english = (pdf_text(by_address[f"cda-{code}@example.org"]) for code in ("it", "en"))
    assert TITLE in italian and TITLE in english
    assert "Partecipazione" in italian  # the participation table
    assert "Participation" in english and "Partecipazione" not in english

    run = ReportRun.objects.get()
    assert (run.kind, run.status, run.recipients) == ("periodic", "done", 2)
    assert run.period_start == start and run.sent_at is not None
    assert len(smtp_sink.wait_for(3, timeout=3)) == 2  # the second firing sent nothing
