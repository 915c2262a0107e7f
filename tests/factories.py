import factory
from allauth.account.models import EmailAddress
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


def staff_user(**kwargs):
    return UserFactory(staff=True, groups=[STAFF_GROUP], **kwargs)


def board_user(**kwargs):
    return UserFactory(member=True, groups=[BOARD_GROUP], **kwargs)


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
