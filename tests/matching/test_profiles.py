"""Profiles: the edit form and its service, the preview, the completeness, who sees what (the
profile, its contact details, its photo), the tag suggestions, and flat query counts."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from coopportal.accounts.models import Province, Sector
from matching.exceptions import MatchingError
from matching.forms import ProfileForm
from matching.models import Block, ContactRequest, Profile, Tag
from matching.services.profiles import MAX_TAGS, PHOTO_MAX_BYTES, profile_save
from tests.core.test_uploads import JPEG, PNG
from tests.factories import UserFactory, staff_user
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24

EDIT = reverse("matching:profile_edit")
MINE = reverse("matching:profile_mine")
SUGGEST = reverse("matching:tag_suggest")


@pytest.fixture(autouse=True)
def _english():
    """Messages and pages in English here (people read the language they chose: `login`)."""
    with translation.override("en"):
        yield


def login(client, user):
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    return user


def detail(profile):
    return reverse("matching:profile_detail", args=[profile.pk])


def photo_url(profile):
    return reverse("matching:profile_photo", args=[profile.pk])


def form_data(**changes):
    data = {
        "kind": "person",
        "organisation_name": "",
        "legal_form": "",
        "enterprise_size": "",
        "province": str(Province.objects.get(sigla="MI").pk),
        "sectors": [str(Sector.objects.get(code="J").pk)],
        "presentation": "Grafica e sviluppo web per cooperative.",
        "activity": "Siti web accessibili.",
        "skills": "Web design, accessibilità",
        "offers": "siti web",
        "offers_text": "Realizzo siti.",
        "needs": "contabilità",
        "needs_text": "Cerco un commercialista.",
        "languages": ["it", "en"],
        "website": "https://grafica.example.org",
        "visibility": "members",
        "open_to_collaboration": "on",
        "contact_email": "info@grafica.example.org",
        "contact_email_visibility": "members",
        "contact_phone": "+39 02 1234567",
        "contact_phone_visibility": "connections",
        "contact_address": "Via Roma 1, Milano",
        "contact_address_visibility": "nobody",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def cleaned(user, **changes):
    files = {}
    if "photo" in changes:
        files["photo"] = changes.pop("photo")
    form = ProfileForm(form_data(**changes), files)
    assert form.is_valid(), form.errors
    return form.cleaned_data


# --- the form ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"photo": SimpleUploadedFile("foto.png", b"just some text, not an image")}, "photo",
         "content"),
        ({"photo": SimpleUploadedFile("foto.png", PNG + b"\x00" * PHOTO_MAX_BYTES)}, "photo",
         "too large"),
        ({"photo": SimpleUploadedFile("foto.gif", b"GIF89a" + b"\x00" * 20)}, "photo",
         "not accepted"),
        ({"photo": SimpleUploadedFile("foto.jpg", PNG)}, "photo", "content"),
        ({"website": "not a web address"}, "website", "web address"),
        ({"website": "javascript:alert(1)"}, "website", "web address"),
        ({"kind": "enterprise", "organisation_name": "  "}, "organisation_name", "name"),
        ({"skills": ", ".join(f"skill {n}" for n in range(MAX_TAGS + 1))}, "skills", "at most"),
        ({"contact_phone": "call me maybe"}, "contact_phone", "digits"),
        ({"contact_email_visibility": "everyone"}, "contact_email_visibility", "valid choice"),
    ],
)  # fmt: skip
def test_profile_edit_bad_input_gives_a_message_and_writes_nothing(
    client, member, changes, field, words
):
    login(client, member)
    response = client.post(EDIT, form_data(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert words in " ".join(errors[field]).lower()
    assert not Profile.objects.exists()
    assert not Tag.objects.exists()
    member.refresh_from_db()
    assert member.province is None and not member.sectors.exists()


def test_profile_form_counts_tags_once_per_normalised_spelling():
    names = ", ".join(["Web design", "web-design", "WEB DESIGN!"] * 10)
    form = ProfileForm(form_data(skills=names))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["skills"] == ["Web design"]


def test_profile_form_accepts_jpeg_png_and_webp_by_content():
    for name, content in (("a.jpg", JPEG), ("b.png", PNG), ("c.webp", WEBP)):
        form = ProfileForm(form_data(), {"photo": SimpleUploadedFile(name, content)})
        assert form.is_valid(), (name, form.errors)


def test_profile_save_refuses_a_renamed_file_even_past_the_form(member):
    data = cleaned(member, photo=None)
    data["photo"] = SimpleUploadedFile("foto.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(MatchingError):
        profile_save(user=member, by=member, **data)
    assert not Profile.objects.exists()


# --- saving ------------------------------------------------------------------------------------


def test_profile_edit_saves_the_profile_and_the_persons_fields(client, member):
    login(client, member)
    response = client.post(
        EDIT, {**form_data(enterprise_size="small"), "photo": SimpleUploadedFile("l.png", PNG)}
    )
    assert response.status_code == 302 and response["Location"] == MINE
    profile = Profile.objects.get(user=member)
    member.refresh_from_db()
    assert member.province.sigla == "MI" and member.enterprise_size == "small"
    assert list(member.sectors.values_list("code", flat=True)) == ["J"]
    assert {t.name for t in profile.skills.all()} == {"accessibilità", "Web design"}
    assert profile.languages == ["it", "en"] and profile.photo.name.endswith(".png")
    assert profile.completeness == 100 and profile.listed_at is not None
    assert profile.search_vector is not None
    page = client.get(MINE)
    assert "Your profile is saved." in page.content.decode()


def test_profile_edit_updates_and_moves_the_persons_province(client, member):
    profile_make(user=member, province="MI", sectors=["J"], skills=["web design"])
    login(client, member)
    rome = Province.objects.get(sigla="RM")
    data = form_data(province=str(rome.pk), sectors=[], skills="Grafica")
    assert client.post(EDIT, data).status_code == 302
    member.refresh_from_db()
    assert member.province == rome and not member.sectors.exists()
    assert [t.name for t in Profile.objects.get(user=member).skills.all()] == ["Grafica"]
    assert Profile.objects.count() == 1


def test_tags_of_two_spellings_are_one_tag(member):
    other = UserFactory(member=True)
    profile_save(user=member, by=member, **cleaned(member, skills="Web design", offers=""))
    profile_save(user=other, by=other, **cleaned(other, skills="web-design", offers=""))
    tag = Tag.objects.get(key="web-design")
    assert Tag.objects.filter(key="web-design").count() == 1 and tag.name == "Web design"
    assert tag.uses == 2


def test_profile_save_only_by_the_member_themselves(member, participant):
    with pytest.raises(MatchingError):
        profile_save(user=member, by=participant, **cleaned(member))
    with pytest.raises(MatchingError):
        profile_save(user=participant, by=participant, **cleaned(participant))
    assert not Profile.objects.exists()


def test_profile_save_replaces_and_removes_the_photo(member):
    profile = profile_save(
        user=member, by=member, **cleaned(member, photo=SimpleUploadedFile("a.png", PNG))
    )
    first = profile.photo.name
    profile = profile_save(
        user=member, by=member, **cleaned(member, photo=SimpleUploadedFile("b.jpg", JPEG))
    )
    assert profile.photo.name.endswith(".jpg") and profile.photo.name != first
    data = ProfileForm(form_data(photo_remove="on"), has_photo=True)
    assert data.is_valid(), data.errors
    profile = profile_save(user=member, by=member, **data.cleaned_data)
    assert not Profile.objects.get(pk=profile.pk).photo


def test_preview_shows_the_profile_and_writes_nothing(client, member):
    login(client, member)
    data = form_data(kind="enterprise", organisation_name="Grafica Coop", preview="1")
    response = client.post(EDIT, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: nothing is saved yet" in html and "Grafica Coop" in html
    assert "Web design" in html
    assert not Profile.objects.exists() and not Tag.objects.exists()
    member.refresh_from_db()
    assert member.province is None


def test_preview_with_bad_input_shows_the_errors(client, member):
    login(client, member)
    response = client.post(EDIT, form_data(website="nope", preview="1"))
    assert response.status_code == 400 and response.context["preview"] is None


def test_edit_page_starts_from_the_saved_profile(client, member):
    profile_make(user=member, skills=["Web design", "grafica"], presentation="Ciao a tutti")
    login(client, member)
    response = client.get(EDIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ciao a tutti" in html and 'value="Web design, grafica"' in html
    assert 'data-tag-suggest="/' in html and "js/tag-suggest" in html


# --- completeness --------------------------------------------------------------------------------


def test_my_profile_says_what_is_missing(client, member):
    profile_make(user=member, presentation="Ciao", skills=["grafica"])
    login(client, member)
    response = client.get(MINE)
    html = response.content.decode()
    assert response.status_code == 200
    missing = response.context["missing"]
    assert "a logo or a photo" in missing and "your province" in missing
    assert "a presentation" not in missing
    assert "a logo or a photo" in html and "% complete" in html
    assert f'value="{response.context["percent"]}"' in html


def test_my_profile_without_one_invites_to_write_it(client, member):
    login(client, member)
    response = client.get(MINE)
    assert response.status_code == 200
    assert EDIT in response.content.decode()
    assert "You have no profile yet" in response.content.decode()


# --- who may come in -----------------------------------------------------------------------------


def _pages():
    profile = profile_make()
    return [MINE, EDIT, detail(profile), SUGGEST + "?q=we"]


def test_visitors_are_sent_to_login(client):
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


def test_participants_are_refused(client, participant):
    login(client, participant)
    for url in _pages():
        assert client.get(url).status_code == 403, url
    assert client.post(EDIT, form_data()).status_code == 403
    assert not Profile.objects.filter(user=participant).exists()


def test_staff_may_look_but_only_members_write(client):
    staff = staff_user()
    login(client, staff)
    profile = profile_make()
    assert client.get(MINE).status_code == 200
    assert client.get(detail(profile)).status_code == 200
    assert client.get(SUGGEST + "?q=we").status_code == 200
    response = client.post(EDIT, form_data())
    assert response.status_code == 302 and not Profile.objects.filter(user=staff).exists()


def test_profile_detail_is_404_for_hidden_missing_and_blocked(client, member):
    login(client, member)
    hidden = profile_make(visibility="hidden")
    by_staff = profile_make()
    Profile.objects.filter(pk=by_staff.pk).update(hidden_at=timezone.now())
    i_blocked, blocked_me, shown = profile_make(), profile_make(), profile_make()
    Block.objects.create(blocker=member, blocked=i_blocked.user)
    Block.objects.create(blocker=blocked_me.user, blocked=member)
    not_member = profile_make(user=UserFactory())
    for profile in (hidden, by_staff, i_blocked, blocked_me, not_member):
        assert client.get(detail(profile)).status_code == 404
        assert client.get(photo_url(profile)).status_code == 404
    assert client.get(reverse("matching:profile_detail", args=[999999])).status_code == 404
    response = client.get(detail(shown))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("matching:block", args=[shown.pk]) in html
    assert reverse("matching:report_profile", args=[shown.pk]) in html


def test_owner_sees_their_hidden_profile(client):
    profile = profile_make(visibility="hidden")
    login(client, profile.user)
    assert client.get(detail(profile)).status_code == 200


# --- contact details -----------------------------------------------------------------------------


@pytest.fixture
def with_contacts():
    return profile_make(
        contact_email="pubblica@example.org", contact_email_visibility="members",
        contact_phone="+39 333 4445556", contact_phone_visibility="connections",
        contact_address="Via Segreta 7", contact_address_visibility="nobody",
    )  # fmt: skip


def test_contact_details_follow_who_may_see_them(client, member, with_contacts):
    login(client, member)
    html = client.get(detail(with_contacts)).content.decode()
    assert "pubblica@example.org" in html
    assert "4445556" not in html and "Via Segreta" not in html
    assert reverse("matching:contact_send", args=[with_contacts.pk]) in html
    ContactRequest.objects.create(
        sender=member, recipient=with_contacts.user, message="Ciao",
        status=ContactRequest.Status.ACCEPTED, expires_at=timezone.now(),
        answered_at=timezone.now(),
    )  # fmt: skip
    html = client.get(detail(with_contacts)).content.decode()
    assert "pubblica@example.org" in html and "+39 333 4445556" in html
    assert "Via Segreta" not in html


def test_a_pending_request_shows_no_connections_only_details(client, member, with_contacts):
    ContactRequest.objects.create(
        sender=member, recipient=with_contacts.user, message="Ciao",
        expires_at=timezone.now() + timezone.timedelta(days=3),
    )  # fmt: skip
    login(client, member)
    html = client.get(detail(with_contacts)).content.decode()
    assert "4445556" not in html and "waiting for an answer" in html


# --- the photo -----------------------------------------------------------------------------------


def test_photo_is_served_only_to_who_may_see_the_profile(client, member, participant):
    owner = UserFactory(member=True)
    profile = profile_save(
        user=owner, by=owner, **cleaned(owner, photo=SimpleUploadedFile("a.png", PNG))
    )
    login(client, member)
    response = client.get(photo_url(profile))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(PNG)
    assert photo_url(profile) in client.get(detail(profile)).content.decode()
    login(client, participant)
    assert client.get(photo_url(profile)).status_code == 403
    client.logout()
    assert client.get(photo_url(profile)).status_code == 302
    Block.objects.create(blocker=owner, blocked=member)
    login(client, member)
    assert client.get(photo_url(profile)).status_code == 404
    nophoto = profile_make()
    assert client.get(photo_url(nophoto)).status_code == 404


# --- tag suggestions -----------------------------------------------------------------------------


def test_tag_suggest_gives_the_most_used_names_by_prefix(client, member):
    profile_make(skills=["Web design", "Webinar"])
    profile_make(skills=["Web design", "Grafica"])
    profile_make(offers=["webmarketing"], skills=[f"web {n}" for n in range(12)])
    login(client, member)
    names = json.loads(client.get(SUGGEST, {"q": "web", "field": "skills"}).content)
    assert names[0] == "Web design" and len(names) == 10
    assert "Grafica" not in names
    assert json.loads(client.get(SUGGEST, {"q": "graf"}).content) == ["Grafica"]
    assert json.loads(client.get(SUGGEST, {"q": "w"}).content) == []
    assert json.loads(client.get(SUGGEST, {"q": "%_' OR 1=1"}).content) == []
    assert json.loads(client.get(SUGGEST, {"q": "x" * 5000}).content) == []
    assert json.loads(client.get(SUGGEST).content) == []


def test_tag_suggest_never_offers_a_tag_only_hidden_profiles_use(client, member):
    from matching.services.profiles import profile_hide

    hidden = profile_make(skills=["Diagnosi rara personale"])
    profile_make(skills=["Diagnostica"], visibility="hidden")
    profile_make(skills=["Dietologia"])
    profile_hide(profile=hidden, reason="Dati sanitari", by=staff_user())
    login(client, member)
    assert json.loads(client.get(SUGGEST, {"q": "di"}).content) == ["Dietologia"]


def test_tag_suggest_finds_similar_spellings(client, member):
    profile_make(skills=["contabilità"])
    login(client, member)
    assert json.loads(client.get(SUGGEST, {"q": "contabilita"}).content) == ["contabilità"]


# --- query counts --------------------------------------------------------------------------------


def _grow_tags(profile):
    def grow(n):
        start = Tag.objects.count()
        names = [f"tag {start + i}" for i in range(n)]
        tags = Tag.objects.bulk_create(
            [Tag(key=f"tag-{start + i}", name=name) for i, name in enumerate(names)]
        )
        profile.skills.add(*tags)
        profile.offers.add(*tags)
        profile.needs.add(*tags)
        profile.user.sectors.add(*Sector.objects.order_by("?")[: min(n, 3)])

    return grow


def _ok(client, url, text=None):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200
        if text:
            assert text in response.content.decode()

    return fetch


def test_profile_detail_query_count_does_not_grow(client, member, assert_flat_queries):
    profile = profile_make(skills=["a"], offers=["b"], needs=["c"], photo="x.png")
    login(client, member)
    count = assert_flat_queries.check(
        _ok(client, detail(profile), profile.display_name), _grow_tags(profile), few=1, many=15
    )
    assert count <= 20


def test_profile_mine_query_count_does_not_grow(client, member, assert_flat_queries):
    profile = profile_make(user=member, skills=["a"], offers=["b"], needs=["c"])
    login(client, member)
    count = assert_flat_queries.check(
        _ok(client, MINE, profile.display_name), _grow_tags(profile), few=1, many=15
    )
    assert count <= 20


def test_no_inline_script_in_the_profile_pages(client, member):
    profile_make(user=member)
    login(client, member)
    for url in (MINE, EDIT):
        html = client.get(url).content.decode()
        for script in re.findall(r"<script[^>]*>", html):
            assert "src=" in script, script
