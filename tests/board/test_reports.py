"""Reports to the board: the periodic one (beat, e-mailed with the PDF attached, once per period)
and the one for the general assembly (on demand, for a chosen period); board only; bad periods."""

import io
import smtplib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from pypdf import PdfReader

from board import figures
from board.exports import ROME
from board.models import ReportRun
from board.services import reports
from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, board_user
from tests.notifications.conftest import smtp_backend  # noqa: F401  (a fixture)
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory
from workgroups.models import Proposal

pytestmark = pytest.mark.django_db

CREATE = reverse("board:report_create")
TODAY = date(2026, 1, 15)  # the January beat reports on December 2025
IN_DECEMBER = datetime(2025, 12, 10, 11, 0, tzinfo=ROME)
TITLE = "Un fondo di mutualità per i soci in difficoltà"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def forwarded(title, *, at, answered_at=None):
    proposal = ProposalFactory(forwarded=True, title=title, group=WorkingGroupFactory())
    Proposal.objects.filter(pk=proposal.pk).update(
        forwarded_at=at, answered_at=answered_at, answer="accepted" if answered_at else ""
    )
    return proposal


@pytest.fixture
def december():
    """Recommendations forwarded in December, answered in December (forwarded before), and one
    of November only (not in December's report)."""
    forwarded(TITLE, at=IN_DECEMBER)
    forwarded("Risposta di dicembre", at=IN_DECEMBER - timedelta(days=60), answered_at=IN_DECEMBER)
    forwarded("Solo novembre", at=IN_DECEMBER - timedelta(days=20))


@pytest.fixture
def board_people():
    """Who gets the periodic report: two board members (English, Italian) and a superuser; not an
    inactive board member, nor staff or members outside the board."""
    people = {
        "en": board_user(email="board-en@example.org", language="en"),
        "it": board_user(email="board-it@example.org", language="it"),
        "root": UserFactory(email="root@example.org", is_superuser=True, language="it"),
    }
    board_user(email="former@example.org", is_active=False)
    UserFactory(email="staff@example.org", staff=True)
    UserFactory(email="member@example.org", member=True)
    return people


def done_run(**kwargs):
    run = ReportRun.objects.create(
        kind=kwargs.pop("kind", ReportRun.Kind.ASSEMBLY),
        status=ReportRun.Status.DONE,
        period_start=kwargs.pop("period_start", date(2025, 1, 1)),
        period_end=kwargs.pop("period_end", date(2025, 12, 31)),
        finished_at=timezone.now(),
        **kwargs,
    )
    run.file.save(reports.report_filename(run), ContentFile(b"%PDF-1.7 test"), save=True)
    return run


# The period ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 1, 15), (date(2025, 12, 1), date(2025, 12, 31))),
        (date(2026, 1, 1), (date(2025, 12, 1), date(2025, 12, 31))),
        (date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 29))),
        (date(2025, 8, 31), (date(2025, 7, 1), date(2025, 7, 31))),
    ],
)
def test_previous_month_is_the_calendar_month_before(today, expected):
    assert reports.previous_month(today) == expected


def test_periodic_report_start_reads_today_in_rome(monkeypatch, django_capture_on_commit_callbacks):
    # 23:30 UTC on 31 January is already 1 February in Rome: the report is January's
    moment = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    with django_capture_on_commit_callbacks() as callbacks:
        run = reports.periodic_report_start()
    assert (run.kind, run.period_start, run.period_end) == (
        "periodic",
        date(2026, 1, 1),
        date(2026, 1, 31),
    )
    assert run.status == "pending" and len(callbacks) == 1  # build_report, after commit


# The periodic report: once per period, e-mailed to the board -----------------------------------


def beat(today=TODAY):
    return reports.periodic_report_start(today=today)


def test_the_periodic_report_is_made_once_per_period(
    board_people, december, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = beat()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = beat()  # beat fires again (or twice at once): the unique constraint refuses it
    assert first is not None and second is None
    assert callbacks == []  # nothing enqueued the second time
    assert ReportRun.objects.count() == 1
    assert len(mailoutbox) == 3  # one batch: one e-mail per board member
    with django_capture_on_commit_callbacks(execute=True):
        beat(TODAY + timedelta(days=31))  # February's beat: January's report
    assert ReportRun.objects.count() == 2


def test_the_periodic_report_is_emailed_to_each_board_member_in_their_language(
    board_people, december, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = beat()
    run.refresh_from_db()
    assert (run.status, run.error, run.recipients) == ("done", "", 3)
    assert run.sent_at is not None and run.finished_at is not None

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"board-en@example.org", "board-it@example.org", "root@example.org"}
    english, italian = by_address["board-en@example.org"], by_address["board-it@example.org"]
    assert english.subject != italian.subject
    assert "December 2025" in english.subject
    assert "December" not in italian.subject and "2025" in italian.subject

    with translation.override("en"):
        english_rows = figures.period_summary(start=run.period_start, end=run.period_end)
    for label, value in english_rows:
        assert f"{label}: {value}" in english.body
    detail = reverse("board:report_detail", args=[run.pk])
    assert detail in english.body
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html" and english_rows[0][0] in html and detail in html

    for message in mailoutbox:
        [(filename, _content, mimetype)] = message.attachments
        assert mimetype == "application/pdf" and filename.endswith(".pdf")
    # the PDF speaks each recipient's language: the Italian two share the stored file
    pdfs = {address: message.attachments[0][1] for address, message in by_address.items()}
    assert pdfs["board-it@example.org"] == pdfs["root@example.org"] == run.file.read()
    english_text, italian_text = (
        pdf_text(pdfs["board-en@example.org"]),
        pdf_text(pdfs["board-it@example.org"]),
    )
    with translation.override("en"):
        assert translation.gettext("Participation") == "Participation"
    assert "Participation" in english_text
    with translation.override("it"):
        assert translation.gettext("Participation") in italian_text
    assert "Participation" not in italian_text


def test_the_attached_pdf_has_the_participation_table_and_the_recommendations(
    board_people, december, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = beat()
    [italian] = [m for m in mailoutbox if m.to == ["board-it@example.org"]]
    _name, content, _type = italian.attachments[0]
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    with translation.override("it"):  # the periodic report is written in the portal's language
        rows = figures.period_summary(start=run.period_start, end=run.period_end)
        participation = translation.gettext("Participation")
    assert participation in text
    for label, value in rows:
        assert f"{' '.join(label.split())} {value}" in text
    assert TITLE in text and "Risposta di dicembre" in text
    assert "Solo novembre" not in text


@pytest.mark.usefixtures("smtp_backend")
def test_sending_uses_one_smtp_connection_for_the_whole_board(
    board_people, december, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        beat()
    assert len(smtp_sink.messages) == 3 and smtp_sink.sessions == 1


def test_the_board_is_told_in_the_portal(
    board_people, december, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = beat()
    notes = Notification.objects.filter(kind="board.report_ready")
    assert {n.recipient.email for n in notes} == {p.email for p in board_people.values()}
    assert {n.url for n in notes} == {reverse("board:report_detail", args=[run.pk])}
    assert "01/12/2025" in notes.first().message


def test_building_again_a_done_report_sends_nothing(board_people, december, mailoutbox):
    run = beat()
    reports.report_build(run_id=run.pk)
    run.refresh_from_db()
    name, sent_at = run.file.name, run.sent_at
    reports.report_build(run_id=run.pk)  # a second delivery of the task
    run.refresh_from_db()
    assert (run.file.name, run.sent_at) == (name, sent_at)
    assert len(mailoutbox) == 3
    assert reports.report_build(run_id=987654) is None


def test_a_failed_sending_is_recorded_and_the_retry_only_sends(
    board_people, december, mailoutbox, monkeypatch
):
    run = beat()

    class Down:
        def send_messages(self, messages):
            raise smtplib.SMTPServerDisconnected("SMTP server gone")

    real = reports.get_connection
    monkeypatch.setattr(reports, "get_connection", lambda **kwargs: Down())
    with pytest.raises(smtplib.SMTPServerDisconnected):  # raised again: the task may retry
        reports.report_build(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "SMTP server gone" in run.error
    assert run.file and run.sent_at is None and run.recipients == 0
    assert not Notification.objects.filter(kind="board.report_ready").exists()

    monkeypatch.setattr(reports, "get_connection", real)
    # the stored PDF is not built again (the English member's copy is rendered at sending)
    monkeypatch.setattr(reports, "_save_pdf", lambda run: pytest.fail("PDF built again"))
    reports.report_build(run_id=run.pk)  # the retry
    run.refresh_from_db()
    assert (run.status, run.error, run.recipients) == ("done", "", 3)
    assert len(mailoutbox) == 3


def test_a_failed_pdf_shows_on_the_report_page(board_client, board, monkeypatch):
    run = beat()

    def broken(run):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(reports, "render_report", broken)
    run = reports.report_build(run_id=run.pk)  # recorded, not raised: a retry would fail again
    assert (run.status, run.error, run.file.name) == ("failed", "RuntimeError: no fonts", "")
    page = board_client.get(reverse("board:report_detail", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert page.templates[0].name == "board/partials/_report_progress.html"
    assert "alert-danger" in page.content.decode() and "hx-trigger" not in page.content.decode()


# The report for the general assembly ------------------------------------------------------------


def test_the_board_asks_for_an_assembly_report_and_downloads_it(
    board_client, board, december, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = board_client.post(CREATE, {"start": "2025-12-01", "end": "2025-12-31"})
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("board:report_detail", args=[run.pk])
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.kind, run.status, run.requested_by) == ("assembly", "done", board)
    assert (run.period_start, run.period_end) == (date(2025, 12, 1), date(2025, 12, 31))
    assert mailoutbox == [] and run.sent_at is None  # not e-mailed: asked for on demand

    download = reverse("board:report_download", args=[run.pk])
    page = board_client.get(response.url).content.decode()
    assert download in page and "hx-trigger" not in page
    file = board_client.get(download)
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert "attachment" in file["Content-Disposition"]
    text = pdf_text(b"".join(file.streaming_content))
    assert TITLE in text and "Solo novembre" not in text
    assert escape(run.get_kind_display()) in board_client.get(CREATE).content.decode()


def test_a_pending_report_page_polls_and_has_no_download(board_client, board):
    run = ReportRun.objects.create(
        kind="assembly", period_start=date(2025, 1, 1), period_end=date(2025, 6, 30)
    )
    page = board_client.get(reverse("board:report_detail", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert reverse("board:report_download", args=[run.pk]) not in page
    assert board_client.get(reverse("board:report_download", args=[run.pk])).status_code == 404


def test_missing_reports_and_files_are_404(board_client):
    assert board_client.get(reverse("board:report_detail", args=[99999])).status_code == 404
    assert board_client.get(reverse("board:report_download", args=[99999])).status_code == 404
    run = done_run()
    run.file.storage.delete(run.file.name)
    assert board_client.get(reverse("board:report_download", args=[run.pk])).status_code == 404


def later(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"start": "2025-12-31", "end": "2025-12-01"}, "cannot come before its start"),
        ({"start": "2025-12-01", "end": later(1)}, "cannot end in the future"),
        ({"start": "2019-12-31", "end": "2025-01-01"}, "at most 5 years"),
        ({"start": "0001-01-01", "end": "2025-01-01"}, "at most 5 years"),
        ({"start": "", "end": "2025-01-01"}, "Choose the first day"),
        ({"start": "2025-01-01"}, "Choose the last day"),
        ({"start": "2025-13-45", "end": "2025-12-31"}, "first day of the period as a date"),
        ({"start": "<script>", "end": "99999-01-01"}, "as a date"),
    ],
)
def test_bad_periods_are_refused_with_a_message_and_nothing_is_written(
    board_client, board, data, message
):
    board.language = "en"
    board.save(update_fields=["language"])
    response = board_client.post(CREATE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_period_of_five_years_up_to_today_is_accepted(board, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks() as callbacks:
        reports.assembly_report_start(by=board, start=date(2020, 1, 1), end=date(2025, 1, 1))
        reports.assembly_report_start(
            by=board, start=date(today.year - 5, today.month, min(today.day, 28)), end=today
        )
    assert ReportRun.objects.filter(kind="assembly", requested_by=board).count() == 2
    assert len(callbacks) == 2


def test_the_service_refuses_who_is_not_the_board(member, staff):
    for person in (member, staff, UserFactory()):
        with pytest.raises(DomainError):
            reports.assembly_report_start(by=person, start=date(2025, 1, 1), end=date(2025, 2, 1))
    assert not ReportRun.objects.exists()


# Board only -------------------------------------------------------------------------------------


def report_urls(pk):
    return [
        ("get", CREATE),
        ("post", CREATE),
        ("get", reverse("board:report_detail", args=[pk])),
        ("get", reverse("board:report_download", args=[pk])),
    ]


def test_visitors_are_sent_to_login(client):
    run = done_run()
    for method, url in report_urls(run.pk):
        response = getattr(client, method)(url, {"start": "2025-01-01", "end": "2025-01-31"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert ReportRun.objects.count() == 1


@pytest.mark.parametrize("role", ["participant", "member", "staff"])
def test_every_other_role_is_refused_also_by_url(role, request):
    run = done_run()
    client = Client()
    client.force_login(request.getfixturevalue(role))
    for method, url in report_urls(run.pk):
        response = getattr(client, method)(url, {"start": "2025-01-01", "end": "2025-01-31"})
        assert response.status_code == 403
    assert ReportRun.objects.count() == 1


# Queries ----------------------------------------------------------------------------------------


def test_the_reports_page_query_count_does_not_grow(board_client, assert_flat_queries):
    offsets = iter(range(2))

    def add(count):
        offset = next(offsets)
        for index in range(count):
            done_run(
                period_start=date(2020 + offset, 1, 1) + timedelta(days=index),
                period_end=date(2020 + offset, 6, 30),
                requested_by=board_user(),
            )
        if offset:
            ReportRun.objects.create(
                kind="periodic", period_start=date(2025, 11, 1), period_end=date(2025, 11, 30)
            )

    def fetch():
        assert board_client.get(CREATE).status_code == 200

    assert_flat_queries.check(fetch, add, few=2, many=15)
    response = board_client.get(CREATE)
    assert len(response.context["page"].object_list) == 18
