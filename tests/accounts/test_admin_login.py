"""The admin has no login of its own: /admin/login/ hands over to the portal's (allauth), so its
rate limits (ACCOUNT_RATE_LIMITS) and the second factor hold for the admin too."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coopportal.accounts.models import STAFF_GROUP
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PORTAL_LOGIN = reverse("account_login")


@pytest.fixture
def staff_without_device():
    return UserFactory(staff=True, groups=[STAFF_GROUP])


def credentials(email, password):
    """Both the portal's field names and the admin's, so a post works on either form."""
    return {"login": email, "username": email, "password": password}


def admin_login_route(client):
    """Where a person who opens /admin/ is sent to log in (following every redirect)."""
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 200
    return response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]


def test_the_admin_for_an_anonymous_visitor_ends_at_the_portal_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == PORTAL_LOGIN
    assert parse_qs(response.request["QUERY_STRING"])["next"] == [reverse("admin:index")]
    assert response.templates[0].name == "account/login.html"


def test_the_admin_login_hands_over_to_the_portal_login_keeping_next(client):
    target = reverse("admin:accounts_user_changelist")
    response = client.get(reverse("admin:login"), {"next": target})
    assert response.status_code == 302
    parts = urlsplit(response.url)
    assert parts.path == PORTAL_LOGIN
    assert parse_qs(parts.query)["next"] == [target]


def test_a_foreign_next_never_leads_off_the_portal(client, staff_client):
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})
    next_url = parse_qs(urlsplit(response.url).query)["next"][0]
    assert next_url.startswith("/")
    # once logged in, that next leads to the admin, not to the foreign site
    assert staff_client.get(next_url).url == reverse("admin:index")


def test_a_post_of_credentials_to_the_admin_login_logs_nobody_in(client, staff_without_device):
    response = client.post(
        reverse("admin:login"), credentials(staff_without_device.email, PASSWORD)
    )
    assert response.status_code == 302
    assert urlsplit(response.url).path == PORTAL_LOGIN
    assert "_auth_user_id" not in client.session


def test_a_post_to_the_admin_login_while_logged_in_does_not_switch_person(
    staff_client, staff, staff_without_device
):
    response = staff_client.post(
        reverse("admin:login"), credentials(staff_without_device.email, PASSWORD)
    )
    assert response.status_code == 302
    assert staff_client.session["_auth_user_id"] == str(staff.pk)


def test_a_logged_in_person_who_is_not_staff_is_refused_by_the_admin_login(member_client):
    assert member_client.get(reverse("admin:login")).status_code == 403


def test_staff_who_are_already_logged_in_go_on_to_the_admin(staff_client):
    response = staff_client.get(reverse("admin:login"), {"next": "/admin/accounts/user/"})
    assert response.status_code == 302
    assert response.url == "/admin/accounts/user/"


@pytest.mark.parametrize("route", ["portal", "admin"])
def test_the_right_password_logs_in_before_any_failure(route, staff_without_device):
    client = Client()
    url = PORTAL_LOGIN if route == "portal" else admin_login_route(client)
    client.post(url, credentials(staff_without_device.email, PASSWORD))
    assert client.session["_auth_user_id"] == str(staff_without_device.pk)


@pytest.mark.parametrize("route", ["portal", "admin"])
@pytest.mark.parametrize("failures", [5, 40])
def test_after_the_limit_of_wrong_passwords_the_right_one_is_refused_too(
    route, failures, staff_without_device
):
    assert "5/5m/key" in settings.ACCOUNT_RATE_LIMITS["login_failed"]
    client = Client()
    url = PORTAL_LOGIN if route == "portal" else admin_login_route(client)
    for _ in range(failures):
        client.post(url, credentials(staff_without_device.email, "sbagliata-123"))
    response = client.post(url, credentials(staff_without_device.email, PASSWORD))
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    if response.status_code == 200:
        assert "Troppi tentativi di accesso" in response.content.decode()
