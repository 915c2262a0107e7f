"""A board member logs in, filters the recommendations, answers one, and downloads the CSV, XLSX and
PDF exports; the files are opened and their content checked."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import log_in
from tests.factories import board_user
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=True).click()
    return info.value.path().read_bytes()


def test_board_filters_answers_and_exports(portal):
    page = portal
    formazione = WorkingGroupFactory(name="Formazione")
    ricerca = WorkingGroupFactory(name="Ricerca e sviluppo")
    ProposalFactory(group=formazione, forwarded=True, title="Webinar gratuiti per i soci")
    ProposalFactory(group=formazione, forwarded=True, title="Un albo dei formatori")
    ProposalFactory(group=ricerca, forwarded=True, title="Un laboratorio di ricerca")
    board_user(email="cda@example.org", language="en")

    log_in(page, "cda@example.org")
    page.goto(portal.portal.url("/board/"))
    expect(page.get_by_role("heading", name="Recommendations to the board")).to_be_visible()
    page.get_by_label("Group").select_option(label="Formazione")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("link", name="Un laboratorio di ricerca")).to_have_count(0)

    page.get_by_role("link", name="Webinar gratuiti per i soci").click()
    page.get_by_role("radio", name="Partially accepted").check()
    page.get_by_role("textbox", name=re.compile(r"^Official answer")).fill(
        "Sì ai webinar; i corsi in presenza nel 2027."
    )
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_text("The answer is published")).to_be_visible()
    page.get_by_role("link", name="Recommendations to the board").click()
    page.get_by_label("Group").select_option(label="Formazione")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(2)

    table = list(csv.reader(io.StringIO(download(page, "CSV").decode("utf-8-sig"))))
    titles = {row[1] for row in table[1:]}
    assert titles == {"Webinar gratuiti per i soci", "Un albo dei formatori"}
    assert any("Sì ai webinar" in cell for row in table for cell in row)

    workbook = load_workbook(io.BytesIO(download(page, "XLSX")), read_only=True)
    first = workbook.worksheets[0]
    values = [cell for row in first.iter_rows(values_only=True) for cell in row if cell]
    assert "Webinar gratuiti per i soci" in values
    assert "Un laboratorio di ricerca" not in values
    assert len(workbook.worksheets) == 2

    pdf = PdfReader(io.BytesIO(download(page, "PDF dossier")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Webinar gratuiti per i soci" in text
    assert "Sì ai webinar" in text
    assert "Un laboratorio di ricerca" not in text
