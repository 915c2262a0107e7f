"""Issue 9, item 8: sign-up told who is registered by its timing — a new address paid for hashing
the password, an address already registered did not. Both must cost the same: one hash each (the
hasher below counts them), one e-mail each, and never a second account."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from coopportal.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    # the default hasher counts; the accounts made before (MD5, as in the tests) still log in
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher", *settings.PASSWORD_HASHERS]
    CountingHasher.calls = 0
    return CountingHasher


def sign_up(client, email):
    return client.post(
        SIGNUP_URL,
        {
            "email": email,
            "first_name": "Ada",
            "last_name": "Rossi",
            "language": "it",
            "accept_terms": "on",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_signup_hashes_a_password_once_whether_the_address_is_new_or_taken(
    client, participant, hashes, mailoutbox
):
    before = User.objects.count()

    taken = sign_up(client, participant.email.upper())
    taken_hashes, taken_mails = hashes.calls, len(mailoutbox)

    hashes.calls = 0
    mailoutbox.clear()
    new = sign_up(client, "nuova.persona@example.org")
    new_hashes, new_mails = hashes.calls, len(mailoutbox)

    assert taken_hashes == new_hashes == 1
    assert taken_mails == new_mails == 1
    # the same answer for both
    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url
    # one account for the new address, none for the taken one
    assert User.objects.count() == before + 1
    assert User.objects.filter(email__iexact=participant.email).count() == 1


def test_signup_of_a_taken_address_leaves_its_account_alone(client, participant, hashes):
    password_before = participant.password
    sign_up(client, participant.email)
    participant.refresh_from_db()
    assert participant.password == password_before
    assert participant.check_password(PASSWORD)
