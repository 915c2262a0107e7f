"""The running footer of every board PDF (pack, dossier, report) prints the title as written:
apostrophes, dashes, quotes and ampersands included (they used to print as `u0027`…)."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from board import exports
from board.models import AgendaEntry, BoardMeeting, ReportRun
from board.packs import render_pack
from board.services import reports
from tests.workgroups.factories import ProposalFactory
from workgroups.models import Proposal

pytestmark = pytest.mark.django_db

TITLE = 'Dell\'assemblea – "2027" & co'
FOOTER_BELOW = 60  # points from the bottom edge: the page's bottom margin is 22 mm (62 pt)


def footers(data: bytes) -> list[str]:
    """The text printed in the bottom margin of each page, page by page."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        parts = []

        def visit(text, cm, tm, font, size, parts=parts):
            if text.strip() and cm[5] + tm[5] * cm[3] < FOOTER_BELOW:
                parts.append(text)

        page.extract_text(visitor_text=visit)
        pages.append(" ".join(parts))
    return pages


def assert_title_in_every_footer(data: bytes, title=TITLE):
    pages = footers(data)
    assert len(pages) >= 2
    assert pages[0] == ""  # the cover has no footer
    for number, footer in enumerate(pages[1:], start=2):
        assert title in footer, (number, footer)
        assert f"{number} / {len(pages)}" in footer


def test_a_meeting_pack_prints_its_title_in_the_footer():
    meeting = BoardMeeting.objects.create(
        title=TITLE, starts_at=timezone.now() + timedelta(days=3), place="Sede"
    )
    AgendaEntry.objects.create(meeting=meeting, proposal=ProposalFactory(forwarded=True))
    assert_title_in_every_footer(render_pack(meeting))


def test_a_dossier_prints_its_title_in_the_footer():
    ProposalFactory(forwarded=True, title="Prima")
    ProposalFactory(forwarded=True, title="Seconda")
    data = exports.render_dossier(Proposal.objects.filter(status="forwarded"), title=TITLE)
    assert_title_in_every_footer(data)


def test_a_report_prints_its_title_in_the_footer(monkeypatch):
    ProposalFactory(forwarded=True, title="Nel periodo")
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.ASSEMBLY, period_start=date(2020, 1, 1), period_end=date.today()
    )
    monkeypatch.setattr(reports, "report_title", lambda run: TITLE)
    assert_title_in_every_footer(reports.render_report(run))


def test_the_italian_assembly_report_title_keeps_its_apostrophe():
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.ASSEMBLY, period_start=date(2020, 1, 1), period_end=date.today()
    )
    with translation.override("it"):
        data = reports.render_report(run)
    assert_title_in_every_footer(data, "Rapporto all'assemblea dei soci")


def test_a_title_cannot_end_the_css_string_or_the_style():
    title = 'Fine "</style><h1>Rotto</h1>" \\ punto; } @page { }'
    meeting = BoardMeeting.objects.create(title=title, starts_at=timezone.now() + timedelta(days=3))
    AgendaEntry.objects.create(meeting=meeting, proposal=ProposalFactory(forwarded=True))
    assert_title_in_every_footer(render_pack(meeting), title)
