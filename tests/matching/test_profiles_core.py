import pytest

from matching.models import Profile, Tag, tag_key
from matching.selectors.profiles import contact_fields, profile_access, profiles_visible_to
from matching.services.profiles import completeness_missing, tags_ensure
from tests.factories import UserFactory
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["Web design", "web-design", "  WEB   Design! ", "Wéb_design", "web design"]
)
def test_tag_key_makes_one_tag_of_spellings(name):
    assert tag_key(name) == "web-design"


def test_tags_ensure_keeps_the_first_spelling_and_never_doubles():
    first = tags_ensure(["Web design", "contabilità"])
    again = tags_ensure(["web-design", "CONTABILITA", "!!!"])
    assert [tag.pk for tag in again] == [tag.pk for tag in first]
    assert Tag.objects.count() == 2
    assert Tag.objects.get(key="web-design").name == "Web design"


def test_profile_make_keeps_text_completeness_and_vector():
    profile = profile_make(
        skills=["Web design"], offers=["siti web"], needs=["contabilità"], sectors=["J"],
        province="MI", presentation="Cooperativa di grafici.",
    )  # fmt: skip
    profile.refresh_from_db()
    assert profile.skills_text == "Web design"
    assert profile.search_vector is not None
    percent, missing = completeness_missing(profile)
    assert profile.completeness == percent
    assert 0 < percent < 100
    assert any("foto" in item or "photo" in item for item in missing)


def test_hidden_and_blocked_profiles_are_not_visible():
    viewer = UserFactory(member=True)
    shown = profile_make()
    hidden = profile_make(visibility="hidden")
    assert set(profiles_visible_to(viewer)) == {shown}
    assert profile_access(hidden.user, hidden.pk) == hidden  # the owner sees their own
    from django.http import Http404

    with pytest.raises(Http404):
        profile_access(viewer, hidden.pk)
    from matching.models import Block

    Block.objects.create(blocker=shown.user, blocked=viewer)
    assert not profiles_visible_to(viewer).exists()
    with pytest.raises(Http404):
        profile_access(viewer, shown.pk)


def test_contact_fields_follow_each_fields_visibility():
    profile = profile_make(
        contact_email="a@example.org", contact_email_visibility="members",
        contact_phone="+39 02 123", contact_phone_visibility="connections",
        contact_address="Via Roma 1", contact_address_visibility="nobody",
    )  # fmt: skip
    viewer = UserFactory(member=True)
    assert [f.name for f in contact_fields(viewer, profile, connected=False)] == ["email"]
    assert [f.name for f in contact_fields(viewer, profile, connected=True)] == ["email", "phone"]
    assert len(contact_fields(profile.user, profile, connected=False)) == 3
    assert Profile.objects.count() == 1
