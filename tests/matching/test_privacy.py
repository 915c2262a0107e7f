"""Member matching's privacy, across every surface, on one shared data set: the people who must
not be found (hidden by staff, hidden by themselves, not an active verified member, blocked either
way) never appear and cannot be reached or contacted; contact details never leak before a request
is accepted, and after it only the fields each person allowed; participants and visitors reach no
page of the area but its landing page.

(The portal has no "your data" export of a person's data, and no discovery hook for one: nothing of
matching to add there. When one comes, its matching part belongs in this suite.)
"""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from calls.models import CallToAction
from coopportal.notifications.models import Notification
from matching import urls as matching_urls
from matching.exceptions import MatchingError
from matching.models import Block, ContactRequest, Profile, ProfileSearch, Report
from matching.selectors.directory import (
    directory_facets,
    directory_search,
    provinces_with_counts,
    typo_tolerance,
)
from matching.selectors.suggestions import (
    partners_for,
    suggestions_for,
    wish_of_action,
    wish_of_call,
    wish_of_profile,
)
from matching.services import contacts as contact_services
from matching.services.profiles import profile_hide
from matching.services.searches import search_save, searches_digest_send
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory, staff_user
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"

# every unlisted or blocked person matches the viewer as well as the visible one does: the same
# sector and province as the call, the offer the viewer needs, the words of the call to action
MATCHING = {
    "sectors": ["J"],
    "province": "MI",
    "skills": ["Fotovoltaico"],
    "offers": ["Web design"],
    "needs": ["Bilanci"],
    "presentation": "Installiamo impianti fotovoltaici per la transizione digitale.",
}
UNSEEN = ["staff_hidden", "self_hidden", "not_member", "inactive", "blocked", "blocker"]
BLOCKS = ["blocked", "blocker"]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def person(first, last, *, member=True, **fields):
    user = UserFactory(member=member, first_name=first, last_name=last)
    profile = profile_make(user=user, **fields)
    profile.photo.save("photo.png", ContentFile(PNG), save=False)
    profile.save(update_fields=["photo"])  # the rest (search vector) as the service kept it
    return profile


@pytest.fixture(scope="module")
def _media_once(tmp_path_factory):
    return tmp_path_factory.mktemp("privacy-media")


@pytest.fixture(autouse=True)
def _media_root(settings, _media_once):
    """The people's photos, saved once for the module, stay where the pages look for them."""
    settings.MEDIA_ROOT = _media_once


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, _media_once):
    """The world, made once per module (per xdist worker) in a transaction of its own, rolled
    back after the module's last test. Each test runs inside it in a savepoint (pytest-django's
    `db`), rolled back when it ends: what a test writes (requests, blocks, hides) never reaches
    the next one. Only primary keys are kept: each test reads its objects afresh (`world`)."""
    from django.db import transaction
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_media_once),
        transaction.atomic(),
    ):
        made = _world_make()
        yield {
            "viewer": made["viewer"].pk,
            "people": {key: profile.pk for key, profile in made["people"].items()},
            "call": made["call"].pk,
            "action": made["action"].pk,
        }
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_once, db):
    """The viewer (a member, sector M in Bologna, looks for web design, offers accounts), one
    visible match and one person for each way of not being seen, all matching the viewer, a
    funding call and a call to action that all of them would fit: read from the database for
    this test, with a client of the viewer's own."""
    from calls.models import FundingCall

    profiles = Profile.objects.select_related("user")
    viewer = profiles.get(pk=_world_once["viewer"])
    return {
        "viewer": viewer,
        "people": {key: profiles.get(pk=pk) for key, pk in _world_once["people"].items()},
        "call": FundingCall.objects.get(pk=_world_once["call"]),
        "action": CallToAction.objects.get(pk=_world_once["action"]),
        "client": client_for(viewer.user),
    }


def _world_make():
    viewer = person("Vera", "Osservatrice", sectors=["M"], province="BO",
                    offers=["Bilanci"], needs=["Web design"])  # fmt: skip
    staff = staff_user()
    people = {"visible": person("Aurora", "Visibile", **MATCHING)}
    people["staff_hidden"] = person("Zeno", "Nascostodallostaff", **MATCHING)
    profile_hide(profile=people["staff_hidden"], reason="Profilo falso", by=staff)
    people["self_hidden"] = person("Ilda", "Invisibile", visibility="hidden", **MATCHING)
    people["not_member"] = person("Nando", "Nonsocio", member=False, **MATCHING)
    people["inactive"] = person("Ines", "Inattiva", **MATCHING)
    type(viewer.user).objects.filter(pk=people["inactive"].user_id).update(is_active=False)
    people["blocked"] = person("Bruno", "Bloccato", **MATCHING)
    Block.objects.create(blocker=viewer.user, blocked=people["blocked"].user)
    people["blocker"] = person("Carla", "Bloccante", **MATCHING)
    Block.objects.create(blocker=people["blocker"].user, blocked=viewer.user)
    call = FundingCallFactory(title="Transizione digitale", sectors=["J"], whole_italy=True)
    action = CallToAction.objects.create(
        title="Impianti fotovoltaici",
        slug="fotovoltaico",
        theme="fotovoltaico",
        body="…",
        deadline_at=timezone.now() + timedelta(days=10),
        target=10,
    )
    return {"viewer": viewer, "people": people, "call": call, "action": action}


CSRF = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+')


def page_text(response, *paths) -> str:
    """The page without its CSRF token and with `paths` left out (what two answers may share)."""
    text = CSRF.sub(r"\1", response.content.decode())
    for path in paths:
        text = text.replace(path, "")
    return text


def html_of(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def pks(items):
    return [item.profile.pk for item in items]


# --- the unseen are never found ------------------------------------------------------------------


@pytest.mark.parametrize("how", UNSEEN)
def test_the_unseen_never_appear_in_the_directory(world, how):
    viewer, client = world["viewer"].user, world["client"]
    visible, unseen = world["people"]["visible"], world["people"][how]
    with typo_tolerance():
        listed = list(directory_search(viewer=viewer, params=QueryDict()))
        by_name = list(directory_search(viewer=viewer, params={"q": unseen.display_name}))
        by_skill = list(directory_search(viewer=viewer, params={"q": "fotovoltaico"}))
    assert visible in listed and unseen not in listed
    assert unseen not in by_name and unseen not in by_skill and visible in by_skill
    for params in ({}, {"q": unseen.display_name}, {"q": "fotovoltaico"}, {"sector": "J"}):
        html = html_of(client, "matching:directory", **params)
        # the search box gives back what was typed; no card, link or count names them
        html = html.replace(f'value="{unseen.display_name}"', "")
        assert unseen.display_name not in html
        assert unseen.get_absolute_url() not in html
    assert visible.display_name in html_of(client, "matching:directory", q="fotovoltaico")


def test_the_unseen_are_never_counted_in_the_facets_or_the_provinces(world):
    viewer = world["viewer"].user
    with typo_tolerance():
        facets = directory_facets(directory_search(viewer=viewer, params=QueryDict()))
        searched = directory_facets(directory_search(viewer=viewer, params={"q": "fotovoltaico"}))
    sectors = {value: n for value, _label, n in facets["sector"].options}
    regions = {value: n for value, _label, n in facets["region"].options}
    assert sectors.get("J") == 1 and regions.get("03") == 1  # the visible one alone (Lombardia)
    assert searched["total"] == 1
    provinces = {
        p["sigla"]: p["count"]
        for region in provinces_with_counts(viewer=viewer)
        for p in region["provinces"]
    }
    assert provinces.get("MI") == 1
    html = html_of(world["client"], "matching:directory_provinces")
    assert "Nascostodallostaff" not in html and "Bloccato" not in html


@pytest.mark.parametrize("how", UNSEEN)
def test_the_unseen_are_never_suggested_nor_proposed_as_partners(world, how):
    viewer, client = world["viewer"], world["client"]
    visible, unseen = world["people"]["visible"], world["people"][how]
    suggested = pks(suggestions_for(viewer.user, wish_of_profile(viewer)))
    for_call = pks(partners_for(viewer.user, wish_of_call(world["call"])))
    for_action = pks(partners_for(viewer.user, wish_of_action(world["action"])))
    for found in (suggested, for_call, for_action):
        assert visible.pk in found and unseen.pk not in found
    pages = [
        html_of(client, "matching:suggestions"),
        html_of(client, "matching:partners_call", world["call"].pk),
        html_of(client, "matching:partners_action", world["action"].pk),
    ]
    for html in pages:
        assert visible.display_name in html
        assert unseen.display_name not in html
        assert reverse("matching:contact_send", args=[unseen.pk]) not in html


def test_the_unseen_are_never_news_in_the_saved_search_digest(world):
    viewer = world["viewer"].user
    search = search_save(user=viewer, name="Fotovoltaico", query="q=fotovoltaico")
    ProfileSearch.objects.filter(pk=search.pk).update(checked_at=timezone.now() - timedelta(days=1))
    assert searches_digest_send() == 1
    (told,) = Notification.objects.filter(recipient=viewer, kind="matching.new_matching_profiles")
    assert told.context["names"] == "Aurora Visibile"
    assert told.context["count"] == 1
    text = told.message + json.dumps(told.context)
    for how in UNSEEN:
        assert world["people"][how].display_name not in text


@pytest.mark.parametrize("how", UNSEEN)
def test_a_guessed_address_of_the_unseen_is_a_404(world, how):
    client, visible, unseen = world["client"], world["people"]["visible"], world["people"][how]
    for name in ("matching:profile_detail", "matching:profile_photo"):
        assert client.get(reverse(name, args=[visible.pk])).status_code == 200
        assert client.get(reverse(name, args=[unseen.pk])).status_code == 404


@pytest.mark.parametrize("how", UNSEEN)
def test_the_unseen_cannot_be_contacted(world, how):
    viewer, client, unseen = world["viewer"].user, world["client"], world["people"][how]
    url = reverse("matching:contact_send", args=[unseen.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Ciao, collaboriamo?"}).status_code == 404
    with pytest.raises(MatchingError) as refused:
        contact_services.contact_send(
            sender=viewer, recipient_profile=unseen, message="Ciao, collaboriamo?"
        )
    assert refused.value.code == "missing"
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("how", UNSEEN)
def test_the_unseen_cannot_be_blocked_or_reported_by_a_guessed_address(world, how):
    client, unseen = world["client"], world["people"][how]
    before = (Block.objects.count(), Report.objects.count())
    for name in ("matching:block", "matching:report_profile"):
        url = reverse(name, args=[unseen.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"confirm": "1", "reason": "Spam"}).status_code == 404, name
    unblock = client.get(reverse("matching:unblock", args=[unseen.pk]))
    assert unblock.status_code == (200 if how == "blocked" else 404)  # only one's own block
    assert (Block.objects.count(), Report.objects.count()) == before


def test_a_staff_hidden_profile_is_still_its_owners(world):
    hidden = world["people"]["staff_hidden"]
    assert client_for(hidden.user).get(hidden.get_absolute_url()).status_code == 200


# --- blocks, both ways ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", BLOCKS)
def test_blocked_people_cannot_find_each_other_either_way(world, how):
    """The other side of the block: the blocked (or blocking) person does not find the viewer."""
    viewer, other = world["viewer"], world["people"][how]
    client = client_for(other.user)
    with typo_tolerance():
        assert viewer not in directory_search(viewer=other.user, params={"q": "Osservatrice"})
    assert viewer.pk not in pks(suggestions_for(other.user, wish_of_profile(other)))
    assert viewer.display_name not in html_of(client, "matching:directory", q="Osservatrice")
    assert viewer.display_name not in html_of(client, "matching:suggestions")
    assert client.get(viewer.get_absolute_url()).status_code == 404
    assert client.get(reverse("matching:profile_photo", args=[viewer.pk])).status_code == 404


@pytest.mark.parametrize("how", BLOCKS)
def test_contacting_across_a_block_answers_as_for_a_missing_profile(world, how):
    viewer, other = world["viewer"], world["people"][how]
    missing = Profile.objects.order_by("-pk").first().pk + 1000
    for sender, recipient in ((viewer, other), (other, viewer)):
        client = client_for(sender.user)
        answers = [
            client.post(reverse("matching:contact_send", args=[pk]), {"message": "Ciao"})
            for pk in (recipient.pk, missing)
        ]
        assert [a.status_code for a in answers] == [404, 404]
        paths = [reverse("matching:contact_send", args=[pk]) for pk in (recipient.pk, missing)]
        assert page_text(answers[0], *paths) == page_text(answers[1], *paths)
        with pytest.raises(MatchingError) as blocked:
            contact_services.contact_send(
                sender=sender.user, recipient_profile=recipient, message="Ciao"
            )
        with pytest.raises(MatchingError) as hidden:
            contact_services.contact_send(
                sender=sender.user,
                recipient_profile=world["people"]["staff_hidden"],
                message="Ciao",
            )
        assert (blocked.value.code, str(blocked.value)) == (hidden.value.code, str(hidden.value))
    assert not ContactRequest.objects.exists()


# --- contact details before and after acceptance -------------------------------------------------

SOFIA = {
    "email": "sofia.riservata@esempio.coop",  # to her connections
    "phone": "+39 02 5550 1234",  # to nobody
    "address": "Via Aperta 7, Milano",  # to every member
}
VERA = {"email": "vera.privata@esempio.coop", "phone": "+39 333 000 9999"}  # connections, nobody


@pytest.fixture
def pair(world):
    """Sofia matches the viewer (Vera); both keep contact details for connections and nobody."""
    sofia = person(
        "Sofia",
        "Riservata",
        contact_email=SOFIA["email"],
        contact_email_visibility="connections",
        contact_phone=SOFIA["phone"],
        contact_phone_visibility="nobody",
        contact_address=SOFIA["address"],
        contact_address_visibility="members",
        **MATCHING,
    )
    vera = world["viewer"]
    Profile.objects.filter(pk=vera.pk).update(
        contact_email=VERA["email"],
        contact_email_visibility="connections",
        contact_phone=VERA["phone"],
        contact_phone_visibility="nobody",
    )
    vera.refresh_from_db()
    return vera, sofia


def leaks(text, details) -> list[str]:
    return [value for value in details if value in text]


def surfaces(vera, sofia, call) -> dict[str, str]:
    """Every page on which Vera meets Sofia, and Sofia meets Vera."""
    mine, hers = client_for(vera.user), client_for(sofia.user)
    return {
        "profile page": html_of(mine, "matching:profile_detail", sofia.pk),
        "directory": html_of(mine, "matching:directory"),
        "directory search": html_of(mine, "matching:directory", q="Sofia Riservata"),
        "suggestions": html_of(mine, "matching:suggestions"),
        "partner finder": html_of(mine, "matching:partners_call", call.pk),
        "contact form": html_of(mine, "matching:contact_send", sofia.pk),
        "my contacts, sent": html_of(mine, "matching:contact_list", tab="sent"),
        "my contacts, connected": html_of(mine, "matching:contact_list", tab="contacts"),
        "her view of me": html_of(hers, "matching:profile_detail", vera.pk),
        "her contacts, received": html_of(hers, "matching:contact_list", tab="received"),
        "her contacts, connected": html_of(hers, "matching:contact_list", tab="contacts"),
        "her directory": html_of(hers, "matching:directory", q="Vera Osservatrice"),
        "her suggestions": html_of(hers, "matching:suggestions"),
        "her notifications": html_of(hers, "notifications:list"),
        "my notifications": html_of(mine, "notifications:list"),
    }


def staff_pages(*profiles) -> dict[str, str]:
    client = client_for(staff_user())
    pages = {"profiles admin": html_of(client, "admin:matching_profile_changelist")}
    for profile in profiles:
        pages[f"admin of {profile}"] = html_of(client, "admin:matching_profile_change", profile.pk)
    pages["contacts admin"] = html_of(client, "admin:matching_contactrequest_changelist")
    for contact in ContactRequest.objects.all():
        pages[f"admin of {contact}"] = html_of(
            client, "admin:matching_contactrequest_change", contact.pk
        )
    return pages


def test_nothing_private_shows_before_a_request(world, pair):
    vera, sofia = pair
    pages = surfaces(vera, sofia, world["call"])
    assert sofia.display_name in pages["directory"] + pages["suggestions"]
    for where, html in pages.items():
        assert leaks(html, [SOFIA["email"], SOFIA["phone"]]) == [], where
        assert leaks(html, VERA.values()) == [], where
    # the field Sofia allowed to every member is on her page: the check can see a leak
    assert SOFIA["address"] in pages["profile page"]


def test_a_waiting_request_shows_nothing_private_to_either_nor_in_the_notice(
    world, pair, django_capture_on_commit_callbacks
):
    vera, sofia = pair
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(vera.user).post(
            reverse("matching:contact_send", args=[sofia.pk]), {"message": "Ciao, collaboriamo?"}
        )
    assert response.status_code == 302
    contact = ContactRequest.objects.get(status="pending")
    pages = surfaces(vera, sofia, world["call"])
    assert "Ciao, collaboriamo?" in pages["her contacts, received"]
    for where, html in (pages | staff_pages(vera, sofia)).items():
        assert leaks(html, [SOFIA["email"], SOFIA["phone"]]) == [], where
        assert leaks(html, VERA.values()) == [], where
    (notice,) = Notification.objects.filter(recipient=sofia.user, kind="matching.contact_received")
    assert "Ciao, collaboriamo?" in notice.message
    told = notice.message + json.dumps(notice.context) + notice.url
    (sent,) = [m for m in mail.outbox if sofia.user.email in m.to]  # urgent: by e-mail at once
    assert "Ciao, collaboriamo?" in sent.body
    told += "".join(m.subject + m.body + str(m.alternatives) for m in mail.outbox)
    assert leaks(told, [*VERA.values(), *SOFIA.values()]) == []
    assert contact.sender == vera.user


def test_after_acceptance_only_the_allowed_fields_show_and_nobody_never(world, pair):
    vera, sofia = pair
    contact = contact_services.contact_send(
        sender=vera.user, recipient_profile=sofia, message="Ciao, collaboriamo?"
    )
    contact_services.contact_accept(contact=contact, by=sofia.user)
    pages = surfaces(vera, sofia, world["call"])
    for where in ("profile page", "my contacts, connected"):
        assert SOFIA["email"] in pages[where] and SOFIA["address"] in pages[where], where
    for where in ("her view of me", "her contacts, connected"):
        assert VERA["email"] in pages[where], where
    for where, html in (pages | staff_pages(vera, sofia)).items():
        assert leaks(html, [SOFIA["phone"], VERA["phone"]]) == [], where  # "nobody": never
    for where in ("directory", "directory search", "suggestions", "partner finder"):
        assert leaks(pages[where], [SOFIA["email"]]) == [], where  # lists show no contact box
    for where, html in staff_pages(vera, sofia).items():
        assert leaks(html, [*SOFIA.values(), *VERA.values()]) == [], where
    # a third member, not connected, still sees only what Sofia gave to every member
    other = client_for(world["people"]["visible"].user)
    html = html_of(other, "matching:profile_detail", sofia.pk)
    assert leaks(html, SOFIA.values()) == [SOFIA["address"]]


@pytest.mark.parametrize("who_blocks", ["vera", "sofia"])
def test_a_block_after_acceptance_takes_the_details_away_from_both(world, pair, who_blocks):
    vera, sofia = pair
    contact = contact_services.contact_send(
        sender=vera.user, recipient_profile=sofia, message="Ciao"
    )
    contact_services.contact_accept(contact=contact, by=sofia.user)
    blocker, blocked = (vera, sofia) if who_blocks == "vera" else (sofia, vera)
    contact_services.block_person(by=blocker.user, profile=blocked)
    for me, other in ((vera, sofia), (sofia, vera)):
        client = client_for(me.user)
        assert client.get(other.get_absolute_url()).status_code == 404
        assert client.get(reverse("matching:contact_send", args=[other.pk])).status_code == 404
        for tab in ("received", "sent", "contacts", "past"):
            html = html_of(client, "matching:contact_list", tab=tab)
            assert leaks(html, [*SOFIA.values(), *VERA.values()]) == [], (me, tab)
            assert other.display_name not in html, (me, tab)
        with typo_tolerance():
            assert other not in directory_search(viewer=me.user, params=QueryDict())
    # the one who blocked sees the name in their list of blocks, and nothing else of them
    blocks = html_of(client_for(blocker.user), "matching:contact_list", tab="blocked")
    assert blocked.display_name in blocks
    assert leaks(blocks, [*SOFIA.values(), *VERA.values()]) == []


def test_a_declined_request_shows_nothing_private(world, pair):
    vera, sofia = pair
    contact = contact_services.contact_send(
        sender=vera.user, recipient_profile=sofia, message="Ciao"
    )
    contact_services.contact_decline(contact=contact, by=sofia.user)
    for where, html in surfaces(vera, sofia, world["call"]).items():
        assert leaks(html, [SOFIA["email"], SOFIA["phone"], *VERA.values()]) == [], where


# --- who reaches the pages -----------------------------------------------------------------------


def sample_urls(world) -> dict[str, str]:
    """Every URL of matching/urls.py but the landing page, with real objects as arguments."""
    visible = world["people"]["visible"]
    contact = contact_services.contact_send(
        sender=world["viewer"].user, recipient_profile=visible, message="Ciao"
    )
    search = search_save(user=world["viewer"].user, name="Tutti", query="q=web")
    samples = {
        "matching:partners_call": {"pk": world["call"].pk},
        "matching:partners_action": {"pk": world["action"].pk},
        "matching:search_delete": {"pk": search.pk},
        "matching:report_contact": {"pk": contact.pk},
        "matching:contact_move": {"pk": contact.pk, "to": "accepted"},
    }
    urls = {}
    for pattern in matching_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = f"matching:{pattern.name}"
        if name == "matching:index":
            continue
        kwargs = dict.fromkeys(pattern.pattern.converters, visible.pk)
        urls[name] = reverse(name, kwargs=samples.get(name, kwargs))
    return urls


def test_every_page_is_listed(world):
    names = set(sample_urls(world))
    assert len(names) == len(matching_urls.urlpatterns) - 1
    assert {"matching:profile_detail", "matching:contact_move", "matching:block"} <= names


@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_are_sent_to_log_in_from_every_page(world, client, method):
    for name, url in sample_urls(world).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302, (name, response.status_code)
        assert response["Location"].startswith(reverse("account_login")), name


@pytest.mark.parametrize("method", ["get", "post"])
def test_participants_are_refused_every_page_and_nothing_is_written(world, method):
    participant = UserFactory()
    profile_make(user=participant, **MATCHING)  # a profile kept from before, say
    client = client_for(participant)
    urls = sample_urls(world)
    names = [f"matching:{pattern.name}" for pattern in matching_urls.urlpatterns]
    before = (ContactRequest.objects.count(), Block.objects.count(), ProfileSearch.objects.count())
    for name, url in urls.items():
        response = getattr(client, method)(url, {"message": "Ciao", "reason": "Spam"})
        scoped = "<int:pk>" in str(matching_urls.urlpatterns[names.index(name)].pattern)
        assert response.status_code in ((403, 404) if scoped else (403,)), (name, response)
    after = (ContactRequest.objects.count(), Block.objects.count(), ProfileSearch.objects.count())
    assert after == before


def test_the_landing_page_answers_everyone(world, client):
    index = reverse("matching:index")
    visitor = client.get(index)
    participant = client_for(UserFactory(language="en")).get(index)
    member = world["client"].get(index)
    assert [visitor.status_code, participant.status_code, member.status_code] == [200] * 3
    for response in (visitor, participant):
        html = response.content.decode()
        assert 'class="alert alert-info"' in html
        assert reverse("matching:directory") not in html
    assert reverse("account_login") in visitor.content.decode()
    assert reverse("accounts:membership") in participant.content.decode()
    assert reverse("matching:directory") in member.content.decode()
