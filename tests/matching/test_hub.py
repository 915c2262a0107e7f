"""Member matching's landing page (matching/views/hub.py) and its dashboard panel and waiting items
(matching/dashboard.py): members get the way in and their panel, everybody else the explanation, in
Italian and English; the panel invites to write a profile or tells its completeness, and lists and
counts the contact requests waiting for an answer; flat query counts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.models import ContactRequest, Profile
from matching.services import contacts as contact_services
from tests.factories import UserFactory, staff_user
from tests.helpers.html import elements
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

INDEX = reverse("matching:index")
DASHBOARD = reverse("core:dashboard")
CARDS = [
    reverse("matching:profile_mine"),
    reverse("matching:directory"),
    reverse("matching:suggestions"),
    reverse("matching:contact_list"),
]
EXPLANATION = {
    "en": "The directory and the suggestions are for the members of the cooperative.",
    "it": "L'elenco e i suggerimenti sono riservati ai soci della cooperativa.",
}
AFTER_VERIFICATION = {
    "en": "Once staff verify your membership you can present yourself and find the others.",
    "it": "Quando lo staff avrà verificato la tua adesione potrai presentarti",
}
CARD_TITLES = {
    "en": ["My profile", "Member directory", "Suggested members", "My contacts"],
    "it": ["Il mio profilo", "Elenco dei soci", "Soci suggeriti", "I miei contatti"],
}


def client_for(user, language="en"):
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def card_links(html) -> list[str]:
    return [a.attrs["href"] for a in elements(html, "a") if "card" in a.attrs.get("class", "")]


def ask(sender, recipient_profile, message="Ciao, collaboriamo?"):
    return contact_services.contact_send(
        sender=sender, recipient_profile=recipient_profile, message=message
    )


# --- the landing page ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "it"])
def test_members_get_the_four_cards_and_their_panel(language):
    member = UserFactory(member=True)
    response = client_for(member, language).get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert card_links(html) == CARDS
    for title in CARD_TITLES[language]:
        assert title in html
    assert 'id="my-matching-heading"' in html  # the panel
    assert reverse("matching:profile_edit") in html  # no profile yet: write one
    assert EXPLANATION[language] not in html


@pytest.mark.parametrize("language", ["en", "it"])
def test_participants_get_the_explanation_and_the_way_to_membership(language):
    response = client_for(UserFactory(), language).get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert EXPLANATION[language] in html and AFTER_VERIFICATION[language] in html
    assert reverse("accounts:membership") in html
    assert card_links(html) == [] and 'id="my-matching-heading"' not in html
    for url in CARDS:
        assert f'href="{url}"' not in html


@pytest.mark.parametrize("language", ["en", "it"])
def test_visitors_get_the_explanation_and_a_way_to_sign_in(client, language, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert EXPLANATION[language] in html and AFTER_VERIFICATION[language] not in html
    assert f"{reverse('account_login')}?next={INDEX}" in html.replace("%2F", "/")
    assert card_links(html) == [] and 'id="my-matching-heading"' not in html


def test_staff_get_the_cards_but_no_member_panel():
    html = client_for(staff_user()).get(INDEX).content.decode()
    assert card_links(html) == CARDS
    assert 'id="my-matching-heading"' not in html


# --- the panel -----------------------------------------------------------------------------------


def panel_html(client) -> str:
    html = client.get(DASHBOARD).content.decode()
    start = html.index('id="my-matching-heading"')
    return html[start : html.index("</section>", start)]


def waiting(client) -> dict:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return {
        section["role"]: {item.label: item.url for item in section["items"]}
        for section in response.context["waiting"]
    }


def test_a_member_without_a_profile_is_invited_to_write_one():
    client = client_for(UserFactory(member=True))
    html = panel_html(client)
    assert "Present yourself or your enterprise to the other members:" in html
    assert reverse("matching:profile_edit") in html
    assert "% complete" not in html
    assert waiting(client) == {}


def test_with_a_profile_the_panel_tells_its_completeness():
    profile = profile_make(presentation="Cooperativa di grafici")
    client = client_for(profile.user)
    html = panel_html(client)
    assert f"Your profile is {profile.completeness}% complete." in html
    assert 0 < profile.completeness < 100
    assert reverse("matching:profile_mine") in html  # what is missing
    Profile.objects.filter(pk=profile.pk).update(completeness=100)
    html = panel_html(client)
    assert "Your profile is 100% complete." in html and "What is missing" not in html


def test_the_panel_in_italian():
    profile = profile_make()
    Profile.objects.filter(pk=profile.pk).update(completeness=40)
    html = panel_html(client_for(profile.user, "it"))
    assert "Il tuo profilo è completo al 40%." in html and "Cosa manca" in html


def test_waiting_requests_are_listed_and_counted_for_the_recipient():
    me = profile_make()
    anna = profile_make(user=UserFactory(member=True, first_name="Anna", last_name="Prima"))
    bruno = profile_make(user=UserFactory(member=True, first_name="Bruno", last_name="Secondo"))
    ask(anna.user, me)
    ask(bruno.user, me)
    # not waiting for me: answered, lapsed, or sent by me
    declined = ask(profile_make().user, me)
    contact_services.contact_decline(contact=declined, by=me.user)
    lapsed = ask(profile_make(user=UserFactory(member=True, first_name="Lino")).user, me)
    ContactRequest.objects.filter(pk=lapsed.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    ask(me.user, profile_make())
    client = client_for(me.user)
    html = panel_html(client)
    assert "Contact requests for me" in html
    assert html.index("Anna Prima") < html.index("Bruno Secondo")  # the oldest first
    assert "Lino" not in html
    assert waiting(client) == {
        "you": {"2 contact requests waiting for your answer": reverse("matching:contact_list")}
    }
    italian = client_for(me.user, "it")
    assert waiting(italian)["you"] == {
        "2 richieste di contatto attendono la tua risposta": reverse("matching:contact_list")
    }


def test_the_panel_shows_five_requests_but_counts_them_all():
    me = profile_make()
    for _ in range(7):
        ask(profile_make().user, me)
    client = client_for(me.user)
    assert panel_html(client).count("<li>") == 5
    assert waiting(client)["you"] == {
        "7 contact requests waiting for your answer": reverse("matching:contact_list")
    }


def test_participants_have_no_matching_panel_nor_waiting_requests():
    participant = UserFactory()
    profile_make(user=participant)  # kept from before their membership ended, say
    ContactRequest.objects.create(
        sender=UserFactory(member=True, first_name="Ottavio", last_name="Mittente"),
        recipient=participant,
        message="Ciao",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client = client_for(participant)
    html = client.get(DASHBOARD).content.decode()
    assert 'id="my-matching-heading"' not in html
    assert "Ottavio Mittente" not in html
    assert waiting(client) == {}


# --- flat query counts ---------------------------------------------------------------------------


def _grow(me):
    """`grow(n)`: n more people with profiles, each asking `me` to get in touch."""

    def grow(n):
        for _ in range(n):
            ask(profile_make(skills=["grafica"], offers=["web design"]).user, me)

    return grow


@pytest.mark.parametrize("url", [INDEX, DASHBOARD])
def test_the_landing_page_and_the_dashboard_make_flat_queries(url, assert_flat_queries):
    me = profile_make()
    client = client_for(me.user)

    def fetch():
        response = client.get(url)
        assert response.status_code == 200
        assert 'id="my-matching-heading"' in response.content.decode()

    assert_flat_queries.check(fetch, _grow(me), few=1, many=8)


def test_the_landing_page_of_a_participant_makes_flat_queries(assert_flat_queries):
    client = client_for(UserFactory())
    me = profile_make()

    def fetch():
        assert client.get(INDEX).status_code == 200

    assert assert_flat_queries.check(fetch, _grow(me), few=1, many=8) <= 6
