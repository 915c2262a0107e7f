import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group
from django.utils import timezone

from coopportal.accounts.models import BOARD_GROUP, STAFF_GROUP, MembershipRequest, User

PASSWORD = "una-password-lunga-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    first_name = factory.Faker("first_name", locale="it_IT")
    last_name = factory.Faker("last_name", locale="it_IT")
    language = "it"
    password = factory.django.Password(PASSWORD)

    class Params:
        member = factory.Trait(
            membership_number=factory.Sequence(lambda n: f"SC-{n:05d}"),
            member_since=factory.LazyFunction(lambda: timezone.localdate().replace(year=2020)),
            membership_verified_at=factory.LazyFunction(timezone.now),
        )
        staff = factory.Trait(is_staff=True)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


def enrol_totp(user, secret=None) -> str:
    """Give `user` an authenticator app (allauth's TOTP) and return its secret."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_secret_of(email) -> str:
    """The secret of the authenticator app a person enrolled (in a test or through the page)."""
    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


_last_counter = {}  # secret -> the last time step a code was handed out for


def totp_code(secret, *, peek=False) -> str:
    """The code an authenticator app shows now for `secret`, as allauth computes it.

    A code is accepted once (allauth remembers it), so a second call for the same secret waits
    for the next time step, as a person waits for a fresh code; a code about to expire is not
    handed out either (it might be stale by the time the form is sent). `peek` only looks.
    """
    period = mfa_settings.TOTP_PERIOD
    if peek:
        return format_hotp_value(hotp_value(secret, int(time.time()) // period))
    while True:
        now = time.time()
        counter = int(now) // period
        if now % period < period - 3 and counter > _last_counter.get(secret, -1):
            break
        time.sleep(period - now % period + 0.05)
    _last_counter[secret] = counter
    return format_hotp_value(hotp_value(secret, counter))


def staff_user(enrol=True, **kwargs):
    """A staff member, with an authenticator app unless `enrol=False` (the admin asks for one)."""
    user = UserFactory(staff=True, groups=[STAFF_GROUP], **kwargs)
    if enrol:
        enrol_totp(user)
    return user


def board_user(enrol=True, **kwargs):
    """A board member, with an authenticator app unless `enrol=False` (the board area asks)."""
    user = UserFactory(member=True, groups=[BOARD_GROUP], **kwargs)
    if enrol:
        enrol_totp(user)
    return user


def superuser_user(enrol=True, **kwargs):
    """A superuser, with an authenticator app unless `enrol=False`."""
    user = UserFactory(is_staff=True, is_superuser=True, **kwargs)
    if enrol:
        enrol_totp(user)
    return user


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    user = factory.SubFactory(UserFactory)
    membership_number = factory.Sequence(lambda n: f"REQ-{n:05d}")
    member_since = factory.LazyFunction(lambda: timezone.localdate().replace(year=2019))
    note = ""

    class Params:
        rejected = factory.Trait(
            status=MembershipRequest.Status.REJECTED,
            reason="Numero non presente nel libro soci",
            reviewed_at=factory.LazyFunction(timezone.now),
        )
        approved = factory.Trait(
            status=MembershipRequest.Status.APPROVED,
            reviewed_at=factory.LazyFunction(timezone.now),
        )
