"""The PDF dossier is laid out a few sections at a time and joined (board/pdf.py): the joined file
opens, has every recommendation in order, its contents give the right pages and link to them,
and every page after the cover has the running footer with its own number and the total."""

import io
import re

import pytest
from pypdf import PdfReader

from board import exports
from tests.board.test_pdf_footers import assert_title_in_every_footer
from tests.workgroups.factories import ProposalFactory
from workgroups.models import Proposal

pytestmark = pytest.mark.django_db

TITLE = "Dossier a pezzi"


@pytest.fixture
def seven(monkeypatch):
    monkeypatch.setattr(exports, "DOSSIER_CHUNK", 3)  # chunks of 3, 3 and 1
    long_body = "\n\n".join(f"Paragrafo {n} " + "testo di prova " * 80 for n in range(12))
    made = [
        ProposalFactory(
            forwarded=True, title=f"Raccomandazione {n}", body=long_body if n == 2 else "Breve."
        )
        for n in range(7)
    ]
    return made


def test_a_dossier_in_chunks_has_every_section_the_right_pages_and_footers(seven):
    data = exports.render_dossier(Proposal.objects.filter(status="forwarded"), title=TITLE)
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 2 + 7  # the long one takes more than a page
    entries = re.findall(r"^(\d+)\. (Raccomandazione \d) — .*?(\d+)$", pages[1], flags=re.M)
    ordered = exports.selectors.recommendation_list().values_list("title", flat=True)
    assert [title for _n, title, _page in entries] == list(ordered)  # every one, in order
    for number, title, page in entries:
        assert pages[int(page) - 1].startswith(f"{number}. {title}"), (number, title, page)
    assert_title_in_every_footer(data, TITLE)
    # the contents' entries link to the pages of their sections
    names = [
        str(annotation.get_object()["/Dest"])
        for annotation in reader.pages[1].get("/Annots", [])
        if annotation.get_object().get("/Dest") is not None
    ]
    targets = [
        reader.get_destination_page_number(reader.named_destinations[name]) + 1
        for name in dict.fromkeys(names)  # an entry's text and its leader: one link each
    ]
    assert targets == [int(page) for _n, _title, page in entries]


def test_an_empty_dossier_has_its_cover_and_says_so():
    data = exports.render_dossier(Proposal.objects.none(), title=TITLE)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) == 2
    assert "No recommendation matches these filters." in pages[1] or "Nessuna" in pages[1]
