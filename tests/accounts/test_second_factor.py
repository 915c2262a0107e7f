"""The second factor (allauth.mfa: an authenticator app and recovery codes): staff, board members
and superusers turn it on before the admin or the board area; anyone may turn it on."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coopportal.accounts.models import BOARD_GROUP, STAFF_GROUP
from tests.factories import PASSWORD, UserFactory, enrol_totp, totp_code, totp_secret_of

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")
PROTECTED = ["/admin/", "/admin/accounts/user/", "/board/", "/board/figures/"]
ELSEWHERE = ["/", "/dashboard/", "/me/profile/", "/groups/", "/notifications/"]


def person(role, *, enrolled, **kwargs):
    makers = {
        "participant": lambda: UserFactory(**kwargs),
        "member": lambda: UserFactory(member=True, **kwargs),
        "staff": lambda: UserFactory(staff=True, groups=[STAFF_GROUP], **kwargs),
        "board": lambda: UserFactory(member=True, groups=[BOARD_GROUP], **kwargs),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True, **kwargs),
    }
    user = makers[role]()
    if enrolled:
        enrol_totp(user)
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def logged_in(user):
    """A client logged in through the login page that has just confirmed its password again, as
    allauth asks before a second factor is added or shown."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    if response.url == AUTHENTICATE:
        client.post(AUTHENTICATE, {"code": totp_code(totp_secret_of(user.email))})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def sent_to_enrolment(response):
    return response.status_code == 302 and urlsplit(response.url).path == ACTIVATE


# -- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "board", "superuser"])
@pytest.mark.parametrize("path", PROTECTED)
def test_a_role_without_an_authenticator_is_sent_to_enrolment_keeping_next(role, path):
    client = client_for(person(role, enrolled=False, language="en"))
    response = client.get(path, {"page": "2"})
    assert sent_to_enrolment(response)
    assert parse_qs(urlsplit(response.url).query)["next"] == [f"{path}?page=2"]
    with translation.override("en"):
        [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "turn on two-factor authentication" in message


@pytest.mark.parametrize("role", ["staff", "board", "superuser"])
@pytest.mark.parametrize("path", PROTECTED)
def test_a_role_with_an_authenticator_goes_where_it_was_going(role, path):
    response = client_for(person(role, enrolled=True)).get(path)
    assert not sent_to_enrolment(response)
    assert response.status_code in (200, 302, 403)  # the area's own role checks still apply


@pytest.mark.parametrize("role", ["participant", "member", "staff", "board", "superuser"])
@pytest.mark.parametrize("path", ELSEWHERE)
def test_the_rest_of_the_portal_never_asks_for_enrolment(role, path):
    response = client_for(person(role, enrolled=False)).get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["participant", "member"])
@pytest.mark.parametrize("path", PROTECTED)
def test_people_without_a_role_there_meet_the_usual_refusal_not_enrolment(role, path):
    response = client_for(person(role, enrolled=False)).get(path)
    assert not sent_to_enrolment(response)
    assert response.status_code in (302, 403)


def test_visitors_of_the_admin_and_the_board_area_are_sent_to_log_in(client):
    for path in PROTECTED:
        response = client.get(path, follow=True)
        assert response.request["PATH_INFO"] == reverse("account_login"), path


def test_the_two_factor_pages_logout_and_language_switch_stay_reachable():
    staff = person("staff", enrolled=False)
    client = logged_in(staff)
    for name in ("mfa_index", "mfa_activate_totp"):
        assert client.get(reverse(name)).status_code == 200, name
    switch = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/admin/"})
    assert switch.status_code == 302
    assert switch.url == "/admin/"
    assert client.post(reverse("admin:logout")).status_code in (200, 302)
    assert "_auth_user_id" not in client.session
    client = client_for(staff)
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


# -- enrolment ------------------------------------------------------------------------------------


def test_enrolment_first_asks_for_the_password_again_and_keeps_next():
    staff = person("staff", enrolled=False)
    client = Client()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    to_enrolment = client.get("/admin/").url
    confirm = client.get(to_enrolment)
    assert urlsplit(confirm.url).path == reverse("account_reauthenticate")
    back = client.post(confirm.url, {"password": PASSWORD})
    assert back.url == to_enrolment
    page = client.get(back.url)
    assert page.status_code == 200
    assert "authenticator_secret" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "secret_label"),
    [
        ("it", "Attiva l'applicazione di autenticazione", "Segreto dell'autenticatore"),
        ("en", "Activate Authenticator App", "Authenticator secret"),
    ],
)
def test_the_enrolment_page_has_the_portal_look(language, heading, secret_label):
    client = logged_in(person("staff", enrolled=False, language=language))
    response = client.get(ACTIVATE, {"next": "/admin/"})
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert {"allauth/layouts/base.html", "base.html", "includes/_nav.html"} <= set(names)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert secret_label in html
    secret = response.context["form"].secret
    assert re.search(
        rf'class="form-control"[^>]*id="authenticator_secret"[^>]*value="{secret}"', html
    )
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    assert 'class="btn ' in html


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_other_two_factor_pages_have_the_portal_look(language):
    user = person("staff", enrolled=True, language=language)
    RecoveryCodes.activate(user)
    client = logged_in(user)
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_deactivate_totp"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "base.html" in [t.name for t in response.templates], name
        assert f'<html lang="{language}">' in response.content.decode()


def enrol_through_the_page(client, next_url="/admin/"):
    page = client.get(ACTIVATE, {"next": next_url})
    secret = page.context["form"].secret
    return secret, client.post(ACTIVATE, {"code": totp_code(secret)})


def test_enrolment_shows_the_recovery_codes_then_continues_where_the_person_was_going():
    staff = person("staff", enrolled=False, language="en")
    client = logged_in(staff)
    assert sent_to_enrolment(client.get("/admin/"))
    _secret, response = enrol_through_the_page(client)
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_view_recovery_codes')}?next=%2Fadmin%2F"
    codes_page = client.get(response.url)
    codes = codes_page.context["unused_codes"]
    assert len(codes) == 10
    html = codes_page.content.decode()
    assert all(code in html for code in codes)
    assert 'href="/admin/"' in html and "Continue" in html
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_enrolment_without_next_ends_on_the_recovery_codes():
    client = logged_in(person("participant", enrolled=False))
    page = client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": totp_code(page.context["form"].secret)})
    assert response.url == reverse("mfa_view_recovery_codes")
    assert client.get(response.url).context["next_url"] is None


def test_enrolment_refuses_a_foreign_next():
    client = logged_in(person("staff", enrolled=False))
    _secret, response = enrol_through_the_page(client, next_url="https://evil.example/")
    assert response.url == reverse("mfa_view_recovery_codes")


def test_enrolment_with_a_wrong_code_is_refused_and_writes_nothing():
    staff = person("staff", enrolled=False, language="en")
    client = logged_in(staff)
    client.get(ACTIVATE, {"next": "/admin/"})
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=staff).exists()
    assert sent_to_enrolment(client.get("/admin/"))


def test_anyone_may_turn_it_on_from_the_account_menu():
    participant = person("participant", enrolled=False, language="en")
    client = logged_in(participant)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("mfa_index")}">Two-factor authentication</a>' in html
    _secret, response = enrol_through_the_page(client, next_url="/dashboard/")
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=participant, type="totp").exists()


# -- logging in with the second factor ------------------------------------------------------------


def log_in_with_password(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_login_asks_for_the_code_and_the_code_lets_in():
    staff = person("staff", enrolled=False)
    secret = enrol_totp(staff)
    client = Client()
    response = log_in_with_password(client, staff)
    assert response.url == AUTHENTICATE
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    response = client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_route_keeps_next_through_the_code():
    staff = person("staff", enrolled=False)
    secret = enrol_totp(staff)
    client = Client()
    login_page = client.get("/admin/accounts/user/", follow=True)
    url = login_page.request["PATH_INFO"] + "?" + login_page.request["QUERY_STRING"]
    client.post(url, {"login": staff.email, "password": PASSWORD})
    response = client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert response.url == "/admin/accounts/user/"


@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", ""])
def test_a_wrong_code_is_refused(code):
    staff = person("staff", enrolled=True, language="en")
    client = Client()
    log_in_with_password(client, staff)
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_a_code_is_accepted_once():
    staff = person("staff", enrolled=False)
    secret = enrol_totp(staff)
    code = totp_code(secret)
    first = Client()
    log_in_with_password(first, staff)
    assert first.post(AUTHENTICATE, {"code": code}).status_code == 302
    second = Client()
    log_in_with_password(second, staff)
    assert second.post(AUTHENTICATE, {"code": code}).status_code == 200
    assert "_auth_user_id" not in second.session


def test_a_recovery_code_lets_in_once():
    staff = person("staff", enrolled=True)
    first_code, second_code = RecoveryCodes.activate(staff).get_unused_codes()[:2]
    client = Client()
    log_in_with_password(client, staff)
    assert client.post(AUTHENTICATE, {"code": first_code}).url == reverse("core:dashboard")
    client.post(reverse("account_logout"))

    log_in_with_password(client, staff)
    refused = client.post(AUTHENTICATE, {"code": first_code})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.post(AUTHENTICATE, {"code": second_code}).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


# -- make run (SQLite, demo data) -----------------------------------------------------------------

SQLITE_ENROLMENT = """
import re, time
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
def code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
login = {"login": "staff@demo.coop", "password": "coop-demo-2026"}
steps = [client.post("/accounts/login/", login).url]
to_enrolment = client.get("/admin/").url
steps.append(to_enrolment)
confirm = client.get(to_enrolment).url
steps.append(client.post(confirm, {"password": "coop-demo-2026"}).url)
page = client.get(to_enrolment).content.decode()
secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page).group(1)
codes_url = client.post("/accounts/2fa/totp/activate/", {"code": code(secret)}).url
steps.append(codes_url)
steps.append(str(client.get(codes_url).status_code))
steps.append(str(client.get("/admin/").status_code))
client.post("/accounts/logout/")
steps.append(client.post("/accounts/login/", login).url)
steps.append(client.post("/accounts/2fa/authenticate/", {"code": code(secret)}).url)
steps.append(str(client.get("/admin/").status_code))
print("STEPS", *steps)
"""


def test_demo_staff_enrol_on_their_first_visit_to_the_admin_on_sqlite(tmp_path, make_run_sqlite):
    """`make run`: the demo staff account has no second factor; it enrols on its first visit."""
    from tests.core.test_settings import manage

    env = {
        "DJANGO_SETTINGS_MODULE": "coopportal.settings.local",
        "DATABASE_URL": f"sqlite:///{make_run_sqlite(tmp_path / 'try.sqlite3')}",
    }
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        result = manage(*command, drop={"REDIS_URL"}, **env)
        assert result.returncode == 0, result.stderr[-3000:]
    result = manage("shell", "-c", SQLITE_ENROLMENT, drop={"REDIS_URL"}, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    steps = result.stdout.split("STEPS", 1)[1].split()
    assert steps == [
        "/dashboard/",
        "/accounts/2fa/totp/activate/?next=%2Fadmin%2F",
        "/accounts/2fa/totp/activate/?next=%2Fadmin%2F",
        "/accounts/2fa/recovery-codes/?next=%2Fadmin%2F",
        "200",
        "200",
        "/accounts/2fa/authenticate/",
        "/dashboard/",
        "200",
    ]
