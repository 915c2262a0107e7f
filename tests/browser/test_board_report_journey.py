"""A board member logs in, opens the board's reports, asks for a report for the general assembly for
a period, waits for it to be ready and downloads the PDF; the file is opened and its text checked.

Celery runs eagerly in the tests (no REDIS_URL), as in the board's export journey: the report is
built when the request commits, and the progress page finds it ready."""

import io
import re
from datetime import date, datetime

import pytest
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from board.exports import ROME
from board.figures import period_summary
from tests.browser.conftest import log_in
from tests.factories import board_user
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory
from workgroups.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def forwarded(title, when):
    proposal = ProposalFactory(
        forwarded=True, title=title, group=WorkingGroupFactory(name="Welfare cooperativo")
    )
    Proposal.objects.filter(pk=proposal.pk).update(forwarded_at=when)


def test_board_prepares_and_downloads_a_report_for_the_assembly(portal):
    page = portal
    forwarded("Un asilo aziendale condiviso", datetime(2025, 5, 12, 10, tzinfo=ROME))
    forwarded("Proposta del 2023", datetime(2023, 3, 1, 10, tzinfo=ROME))
    board_user(email="presidente@example.org", language="en")

    log_in(page, "presidente@example.org")
    page.goto(page.portal.url("/board/"))
    page.get_by_role("navigation", name="Board area").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports to the board")).to_be_visible()
    expect(page.get_by_text("No report yet.")).to_be_visible()

    page.get_by_role("textbox", name=re.compile("^From")).fill("2025-01-01")
    page.get_by_role("textbox", name=re.compile("^To")).fill("2025-12-31")
    page.get_by_role("button", name="Prepare the report").click()

    expect(page.get_by_text("The report is ready.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Report for the general assembly")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF").click()
    data = info.value.path().read_bytes()

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Report to the general assembly" in text
    assert "Participation" in text
    with translation.override("en"):
        rows = period_summary(start=date(2025, 1, 1), end=date(2025, 12, 31))
    for label, value in rows:
        assert f"{label} {value}" in text
    assert "Un asilo aziendale condiviso" in text
    assert "Proposta del 2023" not in text

    page.get_by_role("link", name="Reports to the board").click()
    row = page.locator("tbody tr").filter(has_text="Report for the general assembly")
    expect(row).to_have_count(1)
    expect(row.get_by_text("Ready")).to_be_visible()
    expect(row.get_by_role("link", name=re.compile(r"^PDF"))).to_be_visible()
