"""A call's page: everything about it, unknown as "not stated", hidden calls 404, the countdown,
documents, the slug, flat queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from calls.models import CallDocument
from coopportal.accounts.models import Region
from tests.calls.factories import (
    CallDocumentFactory,
    FundingCallFactory,
    closed_call,
    in_english,
)

pytestmark = pytest.mark.django_db


def test_call_detail_shows_everything(client):
    now = timezone.now()
    call = FundingCallFactory(
        title="Contributi per attività culturali",
        funder="Fondazione Cariplo",
        funder_type="foundation",
        body="## Obiettivi\n\nSostenere la **cultura**.",
        aid_form="Contributo a fondo perduto",
        min_amount=Decimal("10000"),
        min_amount_raw="10.000 €",
        max_amount=Decimal("50000"),
        max_amount_raw="fino a cinquantamila euro",
        cofinancing_rate=Decimal("30"),
        link="https://example.org/bando",
        internal_deadline_days=7,
        regions=["12"],
        provinces=["MI"],
        sectors=["A"],
        beneficiaries=["cooperatives", "people"],
        size_micro=True,
        size_small=True,
        deadlines=[now + timedelta(days=20), now + timedelta(days=80)],
    )
    in_italian = client.get(call.get_absolute_url()).content.decode()
    html = in_english(client).get(call.get_absolute_url()).content.decode()
    assert "<h4" in html and "<strong>cultura</strong>" in html  # Markdown, headings below h2
    assert "Fondazione Cariplo" in html and "Foundation" in html
    assert "Contributo a fondo perduto" in html
    assert (
        "€ 50.000" in in_italian and "€ 50,000" in html and "fino a cinquantamila euro" in html
    )  # raw: it differs
    assert "10.000 €" in html  # differs from "€ 10,000" too
    assert "30%" in html
    assert "7 days before" in html
    assert html.count("<time") >= 4  # two deadlines, their internal ones, the countdown
    assert "Lazio" in html and "Milano (MI)" in html
    assert "Agricoltura" in html or "Agriculture" in html
    assert "Cooperatives and consortia" in html and "for the members themselves" in html
    assert "Micro enterprise" in html and "Small enterprise" in html
    assert 'href="https://example.org/bando"' in html
    assert "Entered by staff" in html
    assert 'id="countdown"' in html and "js/countdown.js" in html


def test_call_detail_unknown_is_not_stated_never_no(client):
    call = FundingCallFactory(funder="", funder_type="", summary="", deadlines=[])
    html = in_english(client).get(call.get_absolute_url()).content.decode()
    assert html.count("not stated") >= 8  # amounts, aid, territory, sectors, beneficiaries, sizes
    assert ">No<" not in html
    assert "No deadline stated" in html


def test_call_detail_countdown_server_side(client):
    call = FundingCallFactory(deadlines=[timezone.now() + timedelta(days=3, hours=5, minutes=30)])
    response = client.get(call.get_absolute_url())
    assert response.context["countdown"].days == 3
    assert response.context["countdown"].hours == 5
    html = response.content.decode()
    assert "data-countdown-days>3<" in html and "data-countdown-hours>5<" in html
    assert "<script>" not in html  # CSP: only files, with the nonce


def test_call_detail_closed_call_says_so(client):
    call = closed_call()
    html = in_english(client).get(call.get_absolute_url()).content.decode()
    assert "The deadline has passed." in html
    assert 'id="countdown"' not in html


def test_call_detail_wrong_slug_redirects(client):
    call = FundingCallFactory(title="Bando cultura")
    response = client.get(reverse("calls:call_detail", args=[call.pk, "altro"]))
    assert response.status_code == 301
    assert response.url == call.get_absolute_url()


def test_call_detail_missing_is_404(client):
    assert client.get(reverse("calls:call_detail", args=[999999, "x"])).status_code == 404


def test_call_detail_unpublished_404_for_visitors_and_members(client, member_client):
    call = FundingCallFactory(unpublished=True)
    assert client.get(call.get_absolute_url()).status_code == 404
    assert member_client.get(call.get_absolute_url()).status_code == 404


def test_call_detail_unpublished_visible_to_staff(staff_client):
    call = FundingCallFactory(unpublished=True, title="Bozza interna")
    response = staff_client.get(call.get_absolute_url())
    assert response.status_code == 200
    assert "Bozza interna" in response.content.decode()


def test_call_detail_offers_follow_and_apply_to_members_and_login_to_visitors(client, member):
    call = FundingCallFactory()
    url = call.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Follow this call" not in page and "/accounts/login/?next=" in page
    client.force_login(member)
    page = client.get(url).content.decode()
    assert reverse("calls:call_follow", args=[call.pk]) in page
    assert reverse("calls:application_create", args=[call.pk]) in page


def test_call_document_link_redirects(client):
    document = CallDocumentFactory(url="https://example.org/avviso.pdf")
    call = document.call
    url = reverse("calls:call_document", args=[call.pk, call.slug, document.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == "https://example.org/avviso.pdf"


def test_call_document_file_is_an_attachment(client):
    call = FundingCallFactory()
    document = CallDocument(call=call, title="Avviso")
    document.file.save("avviso.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("calls:call_document", args=[call.pk, call.slug, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_call_document_of_another_call_or_hidden_call_is_404(client):
    document = CallDocumentFactory()
    other = FundingCallFactory()
    assert (
        client.get(
            reverse("calls:call_document", args=[other.pk, other.slug, document.pk])
        ).status_code
        == 404
    )
    hidden = CallDocumentFactory(call=FundingCallFactory(unpublished=True))
    assert (
        client.get(
            reverse("calls:call_document", args=[hidden.call.pk, hidden.call.slug, hidden.pk])
        ).status_code
        == 404
    )


def test_call_detail_query_count_does_not_grow(client, assert_flat_queries):
    call = FundingCallFactory(deadlines=[])
    now = timezone.now()

    def grow(n):
        from calls.models import CallDeadline
        from calls.services.catalogue import call_dates_refresh

        start = call.deadlines.count()
        for i in range(n):
            CallDeadline.objects.create(call=call, closes_at=now + timedelta(days=start + i + 1))
            CallDocumentFactory(call=call)
        call.regions.add(*Region.objects.order_by("code")[start : start + n])
        call_dates_refresh(call=call)

    count = assert_flat_queries.check(lambda: client.get(call.get_absolute_url()), grow)
    assert count <= 10
