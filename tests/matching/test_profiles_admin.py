"""Staff moderate profiles in the admin: hide with a reason (the owner is told, the profile leaves
every list), show again; the tag vocabulary; only staff with the permission."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from matching.exceptions import MatchingError
from matching.models import Profile, Tag
from matching.selectors.profiles import profiles_listed
from matching.services.profiles import profile_hide, profile_unhide
from tests.factories import UserFactory, enrol_totp
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:matching_profile_changelist")
TAGS = reverse("admin:matching_tag_changelist")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _hide(client, profile, reason):
    return client.post(
        CHANGELIST,
        {"action": "hide", "_selected_action": [profile.pk], "apply": "1", "reason": reason},
    )


def test_hide_with_a_reason_tells_the_owner_and_leaves_the_lists(staff_client, staff):
    profile = profile_make(skills=["web design"])
    assert profile in profiles_listed()
    page = staff_client.post(CHANGELIST, {"action": "hide", "_selected_action": [profile.pk]})
    assert page.status_code == 200 and "reason" in page.context["form"].fields
    response = _hide(staff_client, profile, "Contenuti pubblicitari")
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.hidden_at is not None and profile.hidden_by == staff
    assert profile.hidden_reason == "Contenuti pubblicitari"
    assert profile not in profiles_listed()
    note = Notification.objects.get(recipient=profile.user, kind="matching.profile_hidden")
    assert "Contenuti pubblicitari" in str(note.context)
    assert AuditEvent.objects.filter(action="matching.profile.hidden", actor=staff).exists()


def test_the_owner_reads_why_on_their_page(client, staff):
    profile = profile_make()
    profile_hide(profile=profile, reason="Dati falsi", by=staff)
    client.force_login(profile.user)
    html = client.get(reverse("matching:profile_mine")).content.decode()
    assert "Dati falsi" in html


def test_hiding_needs_a_reason(staff_client):
    profile = profile_make()
    assert _hide(staff_client, profile, "").status_code == 200  # asks again
    assert _hide(staff_client, profile, "   ").status_code == 200
    profile.refresh_from_db()
    assert profile.hidden_at is None and not Notification.objects.exists()


def test_unhide_shows_the_profile_again(staff_client, staff):
    profile = profile_make()
    profile_hide(profile=profile, reason="Verifica in corso", by=staff)
    page = staff_client.get(reverse("admin:matching_profile_change", args=[profile.pk]))
    assert page.status_code == 200 and "Verifica in corso" in page.content.decode()
    response = staff_client.post(
        CHANGELIST,
        {"action": "unhide", "_selected_action": [profile.pk], "apply": "1", "reason": ""},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.hidden_at is None and profile.hidden_reason == ""
    assert profile in profiles_listed()
    assert AuditEvent.objects.filter(action="matching.profile.shown").exists()


def test_the_services_refuse_without_the_permission_or_twice(staff, member):
    profile = profile_make()
    no_permission = UserFactory(staff=True)
    for person in (member, no_permission):
        with pytest.raises(MatchingError):
            profile_hide(profile=profile, reason="No", by=person)
    with pytest.raises(MatchingError):
        profile_hide(profile=profile, reason="  ", by=staff)
    profile_hide(profile=profile, reason="Spam", by=staff)
    with pytest.raises(MatchingError):
        profile_hide(profile=profile, reason="Spam", by=staff)
    with pytest.raises(MatchingError):
        profile_unhide(profile=profile, by=no_permission)
    profile_unhide(profile=profile, by=staff)
    with pytest.raises(MatchingError):
        profile_unhide(profile=profile, by=staff)


def test_staff_without_the_permission_cannot_moderate_in_the_admin():
    profile = profile_make()
    person = UserFactory(staff=True)
    enrol_totp(person)
    client = Client()
    client.force_login(person)
    assert client.get(CHANGELIST).status_code == 403
    _hide(client, profile, "Spam")
    profile.refresh_from_db()
    assert profile.hidden_at is None


def test_staff_read_but_do_not_edit_the_members_texts(staff_client):
    profile = profile_make(presentation="Il mio testo", skills=["grafica"])
    url = reverse("admin:matching_profile_change", args=[profile.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Il mio testo" in html and "grafica" in html
    assert 'name="presentation"' not in html
    staff_client.post(url, {"presentation": "Cambiato dallo staff", "kind": "enterprise"})
    profile.refresh_from_db()
    assert profile.presentation == "Il mio testo" and profile.kind == "person"
    assert staff_client.get(reverse("admin:matching_profile_add")).status_code == 403


def test_profile_list_filters_and_search(staff_client, staff):
    shown, hidden = profile_make(), profile_make()
    profile_hide(profile=hidden, reason="Spam", by=staff)
    page = staff_client.get(CHANGELIST, {"hidden": "yes"})
    assert list(page.context["cl"].result_list) == [hidden]
    page = staff_client.get(CHANGELIST, {"q": shown.user.email})
    assert list(page.context["cl"].result_list) == [shown]


def test_profile_list_query_count_does_not_grow(staff_client, assert_flat_queries):
    def fetch():
        assert staff_client.get(CHANGELIST).status_code == 200

    def grow(n):
        for index in range(n):
            profile_make(province="MI" if index % 2 else "RM", skills=[f"s{index}"])

    assert_flat_queries.check(fetch, grow, few=2, many=12)


def test_tag_admin_fixes_a_spelling_but_never_makes_another_tag(staff_client):
    profile_make(skills=["web design"])
    tag = Tag.objects.get()
    assert staff_client.get(TAGS, {"q": "web"}).status_code == 200
    url = reverse("admin:matching_tag_change", args=[tag.pk])
    assert staff_client.post(url, {"name": "Web Design"}).status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Web Design"
    response = staff_client.post(url, {"name": "Grafica"})
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    tag.refresh_from_db()
    assert tag.name == "Web Design" and tag.key == "web-design"
    assert Profile.objects.count() == 1
