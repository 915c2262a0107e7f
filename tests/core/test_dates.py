"""Italian typography for dates: "1° marzo 2018", "martedì 15 dicembre 2026" (and "1 March 2018",
"Tuesday 15 December 2026" in English) on pages, in the admin, in PDFs and e-mails."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from coopportal.core.dates import format_date
from tests.factories import MembershipRequestFactory, UserFactory

FIRST_OF_MARCH = datetime.date(2018, 3, 1)
TUESDAY = datetime.date(2026, 12, 15)
ROME = ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    ("language", "value", "format_name", "expected"),
    [
        ("it", FIRST_OF_MARCH, "DATE_FORMAT", "1° marzo 2018"),
        ("en", FIRST_OF_MARCH, "DATE_FORMAT", "1 March 2018"),
        ("it", datetime.date(2018, 3, 2), "DATE_FORMAT", "2 marzo 2018"),
        ("it", TUESDAY, "LONG_DATE_FORMAT", "martedì 15 dicembre 2026"),
        ("en", TUESDAY, "LONG_DATE_FORMAT", "Tuesday 15 December 2026"),
        ("it", FIRST_OF_MARCH, "SHORT_DATE_FORMAT", "01/03/2018"),
        ("en", FIRST_OF_MARCH, "SHORT_DATE_FORMAT", "01/03/2018"),
        ("it", FIRST_OF_MARCH, "YEAR_MONTH_FORMAT", "marzo 2018"),
        ("it", datetime.datetime(2026, 12, 1, 18, 30), "DATETIME_FORMAT",
         "1° dicembre 2026, 18:30"),
        ("en", datetime.datetime(2026, 12, 15, 18, 30), "LONG_DATETIME_FORMAT",
         "Tuesday 15 December 2026, 18:30"),
        ("it", FIRST_OF_MARCH, r"\j j", "j 1°"),  # an escaped j stays a letter
        ("de", FIRST_OF_MARCH, "DATE_FORMAT", "1. März 2018"),
        ("de", TUESDAY, "LONG_DATE_FORMAT", "Dienstag, 15. Dezember 2026"),
        ("de", FIRST_OF_MARCH, "SHORT_DATE_FORMAT", "01.03.2018"),
        ("fr", FIRST_OF_MARCH, "DATE_FORMAT", "1er mars 2018"),
        ("fr", datetime.date(2018, 3, 2), "DATE_FORMAT", "2 mars 2018"),
        ("fr", TUESDAY, "LONG_DATE_FORMAT", "mardi 15 décembre 2026"),
        ("fr", datetime.datetime(2026, 12, 1, 18, 30), "DATETIME_FORMAT",
         "1er décembre 2026, 18:30"),
    ],
)  # fmt: skip
def test_format_date_in_every_language(language, value, format_name, expected):
    with translation.override(language):
        assert format_date(value, format_name) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("it", "1.234.567,50"), ("en", "1,234,567.50"), ("de", "1.234.567,50"),
     ("fr", "1\xa0234\xa0567,50")],
)  # fmt: skip
def test_numbers_in_every_language(language, expected):
    from django.utils.formats import number_format

    with translation.override(language):
        assert number_format(1234567.5, 2, force_grouping=True) == expected


def test_the_date_filter_of_every_template_is_the_portals():
    template = Template(
        '{{ a|date:"DATE_FORMAT" }} · {{ b|date:"LONG_DATE_FORMAT" }} · {{ c|date }}'
    )
    context = Context({"a": FIRST_OF_MARCH, "b": TUESDAY, "c": None})
    with translation.override("it"):
        assert template.render(context) == "1° marzo 2018 · martedì 15 dicembre 2026 · "
    with translation.override("en"):
        assert template.render(context) == "1 March 2018 · Tuesday 15 December 2026 · "


def test_templates_use_named_formats_only():
    """No hard-coded date formats such as "d F Y" or "l d F" in the templates (pages, PDFs,
    e-mails): they use DATE_FORMAT, SHORT_DATE_FORMAT, LONG_DATE_FORMAT…"""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    literal = re.compile(r"""\|date:["']([^"']*)["']""")
    allowed = {"c", "M", "Y"}  # machine-readable (datetime="…") and chart axis labels
    found = []
    for path in root.rglob("*"):
        if path.suffix in {".html", ".txt"}:
            for fmt in literal.findall(path.read_text()):
                if not fmt.endswith("_FORMAT") and fmt not in allowed:
                    found.append(f"{path.relative_to(root)}: {fmt}")
    assert found == []


@pytest.mark.django_db
def test_a_real_page_writes_the_first_of_the_month_as_an_ordinal(client):
    member = UserFactory(member=True, member_since=FIRST_OF_MARCH)
    client.force_login(member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "1° marzo 2018" in html
    member.language = "en"
    member.save(update_fields=["language"])
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "since 1 March 2018" in html


@pytest.mark.django_db
def test_the_admin_writes_lowercase_italian_months(staff_client, staff):
    MembershipRequestFactory(member_since=datetime.date(2018, 3, 15))
    html = staff_client.get(reverse("admin:accounts_membershiprequest_changelist")).content.decode()
    assert "15 marzo 2018" in html
    assert "Marzo" not in html
    staff.language = "en"
    staff.save(update_fields=["language"])
    html = staff_client.get(reverse("admin:accounts_membershiprequest_changelist")).content.decode()
    assert "15 March 2018" in html


def pdf_text(data):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.mark.django_db
def test_the_board_pack_pdf_writes_italian_and_english_dates(board_client, board):
    from board.models import AgendaEntry, BoardMeeting
    from tests.workgroups.factories import ProposalFactory

    meeting = BoardMeeting.objects.create(
        title="CdA di dicembre", starts_at=datetime.datetime(2026, 12, 15, 18, 30, tzinfo=ROME)
    )
    AgendaEntry.objects.create(
        meeting=meeting,
        proposal=ProposalFactory(forwarded=True),
        position=1,
        decision="Approvata",
        decided_at=datetime.datetime(2026, 12, 15, 19, 0, tzinfo=ROME),
        follow_up_on=datetime.date(2027, 3, 1),
    )
    url = reverse("board:meeting_pack", args=[meeting.pk])
    text = pdf_text(board_client.get(url).content)
    assert "martedì 15 dicembre 2026, 18:30" in text
    assert "1° marzo 2027" in text
    board.language = "en"
    board.save(update_fields=["language"])
    text = pdf_text(board_client.get(url).content)
    assert "Tuesday 15 December 2026, 18:30" in text
    assert "1 March 2027" in text
