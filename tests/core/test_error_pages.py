"""Error pages: the portal's look, in the person's language, with a way back (DEBUG is off)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]

ITALIAN_NAV = "Gruppi di lavoro"  # the portal's navigation, already in the catalogue


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def assert_portal_page(response, status, language):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'data-status="{status}"' in html
    assert "/static/css/portal.css" in html
    assert "data-go-back" in html
    assert "Not Found</h1>" not in html and "Server Error (500)" not in html  # Django's bare pages
    return html


def test_settings_keep_debug_off():
    assert settings.DEBUG is False


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/test-errors/400/", 400, "The portal could not understand this request"),
        ("/no-such-page/", 404, "Page not found"),
    ],
)
def test_error_page_renders_in_italian_and_english(client, path, status, heading):
    html = assert_portal_page(client.get(path), status, "it")
    assert ITALIAN_NAV in html  # the Italian text of the page comes with locale/pending/h7.json
    html = assert_portal_page(english(Client()).get(path), status, "en")
    assert heading in html
    assert 'href="/"' in html  # home page for a visitor


def test_404_offers_the_dashboard_to_someone_logged_in(member_client):
    html = assert_portal_page(member_client.get("/no-such-page/"), 404, "it")
    assert reverse("core:dashboard") in html


def test_403_asks_a_visitor_to_log_in_or_sign_up(client):
    html = assert_portal_page(client.get("/test-errors/403/"), 403, "it")
    assert "Accedi" in html and "Registrati" in html
    assert f'href="{reverse("account_login")}?next=/test-errors/403/" data-action="log-in"' in html
    assert reverse("account_signup") in html
    html = assert_portal_page(english(Client()).get("/test-errors/403/"), 403, "en")
    assert "You may need to log in" in html


def test_403_tells_a_participant_to_become_a_member(participant_client):
    html = assert_portal_page(participant_client.get(reverse("board:index")), 403, "it")
    assert f'href="{reverse("accounts:membership")}" data-action="request-membership"' in html
    assert "Richiedi la verifica dell'adesione</a>" in html
    assert "Vai alla mia bacheca" in html  # and the way back to the dashboard


def test_403_in_english_for_a_member(member, client):
    member.language = "en"
    member.save(update_fields=["language"])
    client.force_login(member)
    html = assert_portal_page(client.get(reverse("board:index")), 403, "en")
    assert "You cannot open this page" in html
    assert 'data-action="request-membership"' not in html  # already a member: nothing to ask
    assert 'data-action="log-in"' not in html


def test_429_when_allauth_rate_limit_is_hit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    for client, language in ((Client(), "it"), (english(Client()), "en")):
        from django.core.cache import cache

        cache.clear()
        url = reverse("account_reset_password")
        client.post(url, {"email": "someone@example.org"})
        html = assert_portal_page(client.post(url, {"email": "someone@example.org"}), 429, language)
        if language == "en":
            assert "Too many attempts, try again in a few minutes." in html
        else:
            assert ITALIAN_NAV in html


def test_500_renders_without_database_or_context():
    for client, language in (
        (Client(raise_request_exception=False), "it"),
        (english(Client(raise_request_exception=False)), "en"),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/test-errors/500/")
        html = response.content.decode()
        assert response.status_code == 500
        assert f'<html lang="{language}">' in html
        assert 'data-status="500"' in html
        assert "/static/css/portal.css" in html
        assert len(queries) == 0, [q["sql"] for q in queries]
    assert "Something went wrong" in html


def test_500_template_extends_nothing():
    from django.template.loader import get_template

    source = get_template("500.html").template.source
    assert "{% extends" not in source and "{% include" not in source


def test_csrf_failure_renders_the_portal_page(member):
    for language in ("it", "en"):
        client = Client(enforce_csrf_checks=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        member.language = language
        member.save(update_fields=["language"])
        client.force_login(member)
        html = assert_portal_page(
            client.post(reverse("accounts:membership"), {"membership_number": "X"}), 403, language
        )
        if language == "en":
            assert "The form could not be sent" in html
        else:
            assert ITALIAN_NAV in html
    from coopportal.accounts.models import MembershipRequest

    assert not MembershipRequest.objects.exists()
