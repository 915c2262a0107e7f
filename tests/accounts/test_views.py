import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from coopportal.accounts.models import MembershipRequest, User
from tests.factories import PASSWORD, MembershipRequestFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")


def signup_data(**overrides):
    data = {
        "email": "nuova.socia@example.org",
        "first_name": "Nuova",
        "last_name": "Socia",
        "language": "it",
        "accept_terms": "on",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_signup_creates_an_unverified_person_and_sends_the_verification(client, mailoutbox):
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="nuova.socia@example.org")
    assert (user.first_name, user.last_name, user.language) == ("Nuova", "Socia", "it")
    assert not user.is_member
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "non-una-email"}, "email", "Inserisci un indirizzo email valido."),
        ({"email": None}, "email", "Questo campo è obbligatorio."),
        ({"first_name": "   "}, "first_name", "Questo campo è obbligatorio."),
        ({"last_name": "<script>alert(1)</script>"}, "last_name", "Nei nomi usa solo lettere"),
        ({"accept_terms": None}, "accept_terms", "Per registrarti accetta le condizioni"),
        ({"password2": "diversa-2026-xyz"}, "password2", "password"),
        ({"password1": "123", "password2": "123"}, "password1", "password"),
        ({"language": "klingon"}, "language", "Scegli un'opzione valida"),
        ({"first_name": "x" * 151}, "first_name", "150"),
    ],
)
def test_signup_bad_input_is_refused_with_a_clear_message_and_writes_nothing(
    client, mailoutbox, overrides, field, message
):
    response = client.post(SIGNUP_URL, signup_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signup_with_a_taken_email_writes_nothing(client, participant, mailoutbox):
    before = User.objects.count()
    client.post(SIGNUP_URL, signup_data(email=participant.email.upper()))
    assert User.objects.count() == before


def test_login_is_refused_until_the_email_is_verified(client):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nuova.socia@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_login_failures_are_rate_limited(client, participant):
    url = reverse("account_login")
    responses = [
        client.post(url, {"login": participant.email, "password": "sbagliata"}) for _ in range(6)
    ]
    assert all(r.status_code == 200 for r in responses)
    assert "Troppi tentativi di accesso" not in responses[4].content.decode()
    assert "Troppi tentativi di accesso" in responses[5].content.decode()
    # even the right password is refused while the limit holds
    locked = client.post(url, {"login": participant.email, "password": PASSWORD})
    assert locked.status_code == 200
    assert "_auth_user_id" not in client.session


MEMBERSHIP_URL = reverse("accounts:membership")


def test_membership_page_refuses_visitors(client):
    response = client.get(MEMBERSHIP_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_membership_request_from_the_page(participant_client, participant):
    response = participant_client.post(
        MEMBERSHIP_URL,
        {"membership_number": "SC-77", "member_since": "2021-03-01", "note": "Sede di Bologna"},
    )
    assert response.status_code == 302
    request = MembershipRequest.objects.get(user=participant)
    assert request.membership_number == "SC-77"
    page = participant_client.get(MEMBERSHIP_URL)
    assert "form" not in page.context or page.context["form"] is None
    assert "SC-77" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"membership_number": "", "member_since": "2021-03-01"},
            "membership_number",
            "obbligatorio",
        ),
        (
            {"membership_number": "<b>1</b>", "member_since": "2021-03-01"},
            "membership_number",
            "solo lettere",
        ),
        ({"membership_number": "A" * 31, "member_since": "2021-03-01"}, "membership_number", "30"),
        ({"membership_number": "SC-1", "member_since": "ieri"}, "member_since", "data valida"),
        ({"membership_number": "SC-1", "member_since": "2999-01-01"}, "member_since", "futuro"),
        (
            {"membership_number": "SC-1", "member_since": "2021-03-01", "note": "x" * 1001},
            "note",
            "1000",
        ),
    ],
)
def test_membership_request_bad_input_is_refused_and_writes_nothing(
    participant_client, data, field, message
):
    response = participant_client.post(MEMBERSHIP_URL, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not MembershipRequest.objects.exists()


def test_membership_request_with_a_taken_number_gets_a_form_error(participant_client, member):
    response = participant_client.post(
        MEMBERSHIP_URL,
        {"membership_number": member.membership_number, "member_since": "2021-03-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not MembershipRequest.objects.exists()


def test_membership_request_while_pending_is_refused(participant_client, participant):
    MembershipRequestFactory(user=participant)
    response = participant_client.post(
        MEMBERSHIP_URL, {"membership_number": "SC-2", "member_since": "2021-03-01"}
    )
    assert response.status_code == 302
    assert MembershipRequest.objects.filter(user=participant).count() == 1


def test_members_see_their_verified_membership(member_client, member):
    response = member_client.get(MEMBERSHIP_URL)
    assert member.membership_number in response.content.decode()
    assert response.context["form"] is None


def test_profile_update(participant_client, participant):
    from coopportal.accounts.models import Province

    milano = Province.objects.get(sigla="MI")
    response = participant_client.post(
        reverse("accounts:profile"),
        {"first_name": "Anna", "last_name": "Bianchi", "language": "en", "province": milano.pk},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.first_name, participant.language, participant.province) == (
        "Anna",
        "en",
        milano,
    )


def test_profile_bad_input_writes_nothing(participant_client, participant):
    before = (participant.first_name, participant.language)
    response = participant_client.post(
        reverse("accounts:profile"),
        {"first_name": "", "last_name": "B", "language": "xx", "province": "999999"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "language", "province"}
    participant.refresh_from_db()
    assert (participant.first_name, participant.language) == before


def test_language_switch_for_visitors_sets_a_cookie(client):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/calls/"})
    assert response.status_code == 302
    assert response.url == "/calls/"
    page = client.get("/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_language_switch_is_stored_on_the_account(participant_client, participant):
    participant_client.post(reverse("accounts:set_language"), {"language": "en"})
    participant.refresh_from_db()
    assert participant.language == "en"


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert client.get("/")["Content-Language"] == "it"


@pytest.mark.parametrize(
    ("language", "word"),
    [("it", "Accedi"), ("en", "Log in"), ("de", "Anmelden"), ("fr", "Se connecter")],
)
def test_the_switcher_offers_four_languages_and_each_one_speaks(client, language, word):
    html = client.get("/").content.decode()
    for code in ("it", "en", "de", "fr"):
        assert f'name="language" value="{code}"' in html
    client.post(reverse("accounts:set_language"), {"language": language, "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == language
    assert word in response.content.decode()


def test_italian_is_the_default_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "it"


def test_a_persons_language_follows_them_after_login(client):
    from tests.factories import UserFactory

    person = UserFactory(language="en")
    client.force_login(person)
    assert client.get("/")["Content-Language"] == "en"


def test_reference_data_is_loaded_by_migration():
    from coopportal.accounts.models import Province, Region, Sector

    assert Region.objects.count() == 20
    assert Province.objects.count() == 107
    assert Sector.objects.count() == 21
    roma = Province.objects.select_related("region").get(sigla="RM")
    assert (roma.code, roma.name, roma.region.name) == ("058", "Roma", "Lazio")
    assert Province.objects.get(code="111").sigla == "SU"
    assert set(Region.objects.filter(provinces__isnull=True)) == set()


def test_password_reset_sends_a_link_and_the_new_password_works(client, participant, mailoutbox):
    import re

    response = client.post(reverse("account_reset_password"), {"email": participant.email})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)
    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    new = "Una-nuova-password-2026"
    done = client.post(form_url, {"password1": new, "password2": new})
    assert done.status_code == 302
    assert client.login(email=participant.email, password=new)


def test_password_change_for_a_logged_in_person(participant_client, participant):
    new = "Cambiata-per-bene-2026"
    response = participant_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password(new)


def test_password_change_with_a_wrong_old_password_changes_nothing(participant_client, participant):
    response = participant_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "sbagliata",
            "password1": "X-nuova-2026-abc",
            "password2": "X-nuova-2026-abc",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]
    participant.refresh_from_db()
    assert participant.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("language", "greeting"), [("it", "Ciao da Coop Portal!"), ("en", "Hello from Coop Portal!")]
)
def test_the_sign_up_email_greets_with_the_portals_name_not_the_host(
    client, mailoutbox, settings, language, greeting
):
    settings.SITE_URL = "https://portal.example.coop"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(SIGNUP_URL, signup_data(language=language), HTTP_HOST="127.0.0.1:18400")
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "Coop Portal" in message.subject
    assert greeting in message.body
    assert "127.0.0.1:18400!" not in message.body
    assert "portal.example.coop" in message.body  # "… an account on portal.example.coop"
    assert "http://127.0.0.1:18400/accounts/confirm-email/" in message.body  # the link works
