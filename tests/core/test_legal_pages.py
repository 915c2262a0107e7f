"""Privacy notice and terms of use: public, in both languages, edited by staff in the admin."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coopportal.core.models import LegalPage

pytestmark = pytest.mark.django_db


def admin_change_url(kind):
    page = LegalPage.objects.get(kind=kind)
    return reverse("admin:core_legalpage_change", args=[page.pk])


def test_the_migration_creates_both_pages_with_a_draft():
    pages = {page.kind: page for page in LegalPage.objects.all()}
    assert set(pages) == {"privacy", "terms"}
    privacy = pages["privacy"]
    for heading in ("Titolare del trattamento", "base giuridica", "conserviamo", "diritti"):
        assert heading in privacy.body_it, heading
    for heading in ("Data controller", "legal basis", "How long we keep it", "Your rights"):
        assert heading in privacy.body_en, heading


@pytest.mark.parametrize(
    ("name", "italian", "english"),
    [
        ("core:privacy", "Informativa sulla privacy", "Privacy notice"),
        ("core:terms", "Condizioni d&#x27;uso", "Terms of use"),
    ],
)
def test_legal_pages_render_for_visitors_in_both_languages(client, name, italian, english):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert f'<h1 class="mb-4">{italian}</h1>' in html
    assert "<h4>" in html  # the Markdown body, rendered (its ## below the page's own headings)

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse(name)).content.decode()
    assert '<html lang="en">' in html
    assert f'<h1 class="mb-4">{english}</h1>' in html
    assert "Last updated:" in html


def test_the_privacy_body_is_sanitised(client):
    LegalPage.objects.filter(kind="privacy").update(
        body_it="Testo <script>alert(1)</script> **ok**"
    )
    html = client.get(reverse("core:privacy")).content.decode()
    assert "<script>alert(1)" not in html
    assert "<strong>ok</strong>" in html


def test_staff_edit_a_page_in_the_admin_and_the_page_shows_it(staff_client, client):
    url = admin_change_url("terms")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "title_it": "Condizioni d'uso del portale",
            "body_it": "## Nuove regole\n\nSii gentile.",
            "title_en": "Terms of use of the portal",
            "body_en": "## New rules\n\nBe kind.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(reverse("core:terms")).content.decode()
    assert "Condizioni d&#x27;uso del portale" in html
    assert "<h4>Nuove regole</h4>" in html


def test_staff_can_neither_add_nor_delete_legal_pages(staff_client):
    assert staff_client.get(reverse("admin:core_legalpage_add")).status_code == 403
    page = LegalPage.objects.get(kind="privacy")
    delete_url = reverse("admin:core_legalpage_delete", args=[page.pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert LegalPage.objects.filter(pk=page.pk).exists()


def test_participant_and_member_cannot_reach_the_admin_change(participant_client, member_client):
    url = admin_change_url("privacy")
    before = LegalPage.objects.get(kind="privacy").body_it
    for client in (participant_client, member_client):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
        client.post(url, {"title_it": "x", "body_it": "x", "title_en": "x", "body_en": "x"})
    assert LegalPage.objects.get(kind="privacy").body_it == before


def test_sign_up_links_to_both_pages_from_the_consent_checkbox(client):
    html = client.get(reverse("account_signup")).content.decode()
    label_start = html.index('for="id_accept_terms"')
    label = html[label_start : html.index("</label>", label_start)]
    assert f'href="{reverse("core:privacy")}"' in label
    assert f'href="{reverse("core:terms")}"' in label


def test_the_footer_links_to_both_pages(client):
    html = client.get(reverse("core:home")).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{reverse("core:privacy")}"' in footer
    assert f'href="{reverse("core:terms")}"' in footer


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_legal_page_query_count_stays_the_same_as_the_text_grows(
    client, member, who, assert_flat_queries
):
    """One page, whatever its length: the count does not follow the size of the body."""
    if who == "member":
        client.force_login(member)

    def fetch():
        assert client.get(reverse("core:privacy")).status_code == 200

    def grow(n):  # a body of n * 15 sections: 30, then 300
        LegalPage.objects.filter(kind="privacy").update(
            body_it="## Sezione\n\nTesto.\n\n" * (n * 15)
        )

    assert_flat_queries.check(fetch, grow, few=2, many=20)


def _in(language, name="core:privacy"):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse(name)).content.decode()


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("de", "Datenschutzhinweis", "Verantwortlicher"),
        ("fr", "Notice sur la protection des données", "Responsable du traitement"),
    ],
)
def test_the_pages_come_with_a_german_and_a_french_draft(language, title, heading):
    html = _in(language)
    assert f'<h1 class="mb-4">{title}</h1>' in html
    assert heading in html and "Titolare" not in html
    assert 'class="alert alert-info"' not in html
    terms = LegalPage.objects.get(kind="terms")
    assert "[" in getattr(terms, f"body_{language}")  # a draft: the parts the cooperative fills


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_page_emptied_in_german_or_french_shows_the_italian_text_and_says_so(language):
    LegalPage.objects.filter(kind="privacy").update(**{f"body_{language}": ""})
    html = _in(language)
    assert f'<html lang="{language}">' in html
    assert '<h1 class="mb-4" lang="it">Informativa sulla privacy</h1>' in html
    assert '<div class="legal-page-body" lang="it">' in html and "Titolare del trattamento" in html
    assert 'class="alert alert-info"' in html
    assert "not yet available in your language" not in html  # the notice, in their language
    assert "Informativa" not in html.split('class="alert alert-info">')[1].split("</p>")[0]


def test_once_staff_write_the_german_text_german_readers_get_it():
    LegalPage.objects.filter(kind="privacy").update(
        title_de="Datenschutz", body_de="## Wer wir sind\n\nDie Genossenschaft.", body_fr=""
    )
    html = _in("de")
    assert '<h1 class="mb-4">Datenschutz</h1>' in html
    assert "Wer wir sind" in html and "Titolare" not in html
    assert 'class="alert alert-info"' not in html
    assert 'class="alert alert-info"' in _in("fr")  # French was emptied: the Italian text
