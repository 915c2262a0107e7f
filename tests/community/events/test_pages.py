"""The events' pages by role (visitor, participant, member not registered, registered, staff),
guessed and tampered addresses, bad input (nothing written, never a 500), and flat query counts
for the list, the event page, the catalogue and the requests."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from community.events.models import (
    EventStatus,
    Meeting,
    MeetingRequest,
    Registration,
    RequestStatus,
    SlotChoice,
)
from community.events.services.requests import request_send
from tests.factories import UserFactory, staff_user
from tests.matching.factories import profile_make

from .conftest import client_of
from .factories import deadline_pass, event_make, meeting_make, registered, slots_of

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"community:{name}", args=args)


@pytest.fixture
def people(event, alice):
    """One client per role around `event` (alice is the one registered)."""
    return {
        "visitor": Client(),
        "participant": client_of(UserFactory()),
        "member": client_of(UserFactory(member=True)),
        "registered": client_of(alice.user),
        "staff": client_of(staff_user()),
    }


def statuses(people, address):
    return {role: client.get(address).status_code for role, client in people.items()}


def test_the_list_and_the_page_are_open_to_everyone(people, event):
    assert set(statuses(people, url("event_list")).values()) == {200}
    assert set(statuses(people, url("event_detail", event.pk)).values()) == {200}


def test_a_draft_is_for_staff_only(people):
    draft = event_make(status=EventStatus.DRAFT, title="Bozza segreta")
    found = statuses(people, url("event_detail", draft.pk))
    assert found == {
        "visitor": 404, "participant": 404, "member": 404, "registered": 404, "staff": 200,
    }  # fmt: skip
    assert "Bozza segreta" not in people["member"].get(url("event_list")).content.decode()
    assert "Bozza segreta" in people["staff"].get(url("event_list")).content.decode()
    assert people["member"].get(url("event_detail", 999999)).status_code == 404


def test_the_catalogue_is_for_the_people_registered_and_staff(people, event):
    found = statuses(people, url("event_catalogue", event.pk))
    assert found["visitor"] == 302
    assert found["participant"] == found["member"] == 403
    assert found["registered"] == found["staff"] == 200


def test_the_requests_page_and_the_request_form_need_a_registration(people, event, bruno):
    requests_page = statuses(people, url("event_requests", event.pk))
    assert requests_page["visitor"] == 302
    assert requests_page["member"] == requests_page["participant"] == 403
    assert requests_page["registered"] == 200
    form = statuses(people, url("event_request", event.pk, bruno.pk))
    assert form["member"] == form["staff"] == 403 and form["registered"] == 200


def test_registering_asks_first_then_registers(event):
    member = UserFactory(member=True)
    client = client_of(member)
    response = client.get(url("event_register", event.pk))
    assert response.status_code == 200 and "confirm" in response.content.decode()
    assert not Registration.objects.filter(user=member).exists()
    response = client.post(url("event_register", event.pk))  # no confirmation: nothing
    assert not Registration.objects.filter(user=member).exists()
    response = client.post(url("event_register", event.pk), {"confirm": "yes"})
    assert response.url == url("event_profile", event.pk)
    assert Registration.objects.get(user=member).is_registered


def test_a_participant_is_refused_unless_the_event_is_open_to_them(event):
    participant = UserFactory()
    client = client_of(participant)
    page = client.get(url("event_detail", event.pk)).content.decode()
    assert 'id="members-only"' in page and 'id="register"' not in page
    response = client.post(url("event_register", event.pk), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert not Registration.objects.exists()
    open_event = event_make(open_to_participants=True, title="Aperto")
    assert 'id="register"' in client.get(url("event_detail", open_event.pk)).content.decode()
    client.post(url("event_register", open_event.pk), {"confirm": "yes"})
    assert Registration.objects.filter(user=participant, event=open_event).exists()


def test_registering_after_the_deadline_is_refused(event):
    deadline_pass(event)
    client = client_of(UserFactory(member=True))
    assert 'id="closed"' in client.get(url("event_detail", event.pk)).content.decode()
    response = client.post(url("event_register", event.pk), {"confirm": "yes"}, follow=True)
    assert "chiusa" in response.content.decode() or "closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_the_registration_asks_first(alice, event):
    client = client_of(alice.user)
    assert client.get(url("event_unregister", event.pk)).status_code == 200
    client.post(url("event_unregister", event.pk), {"confirm": "yes"})
    alice.refresh_from_db()
    assert alice.status == "cancelled"


def test_the_profile_page_saves_and_refuses_bad_input(alice, event):
    client = client_of(alice.user)
    assert client.get(url("event_profile", event.pk)).status_code == 200
    slot = slots_of(event)[0]
    other_slot = slots_of(event_make(title="Altro"))[0]
    response = client.post(
        url("event_profile", event.pk),
        {"kind": "person", "offer_tags": "Bandi, Contabilità", "available_slots": [other_slot.pk]},
    )
    assert response.status_code == 400  # a tampered slot id
    assert not alice.available_slots.exists()
    response = client.post(
        url("event_profile", event.pk), {"kind": "enterprise", "organisation_name": ""}
    )
    assert response.status_code == 400
    response = client.post(
        url("event_profile", event.pk),
        {"kind": "person", "offer_tags": "Bandi, Contabilità", "available_slots": [slot.pk]},
    )
    assert response.status_code == 302
    assert list(alice.available_slots.all()) == [slot]
    assert alice.offer_tags.count() == 2


def test_the_catalogue_searches_and_filters(alice, event):
    web = profile_make(
        offers=["Web design"],
        presentation="Siti per cooperative",
        sectors=["J"],
        province="MI",
        kind="enterprise",
        organisation_name="Pixel soc. coop.",
    )
    registered(event, web.user)
    accounts = profile_make(offers=["Contabilità"], presentation="Bilanci e paghe", province="PE")
    registered(event, accounts.user)
    client = client_of(alice.user)

    def names(**params):
        response = client.get(url("event_catalogue", event.pk), params)
        assert response.status_code == 200
        return [row["person"].display_name for row in response.context["rows"]]

    assert len(names()) == 2  # alice herself is not listed
    assert names(q="cooperativa") == ["Pixel soc. coop."]
    assert names(q="bilancio") == [accounts.user.display_name]
    assert names(offers="web-design") == ["Pixel soc. coop."]
    assert names(kind="enterprise") == ["Pixel soc. coop."]
    assert names(sector="J") == ["Pixel soc. coop."]
    assert names(province="PE") == [accounts.user.display_name]
    response = client.get(url("event_catalogue", event.pk), {"province": "zzz", "q": "x" * 300})
    assert response.status_code == 200 and response.context["filter_errors"]


def test_sending_a_request_through_the_page(alice, bruno, event):
    client = client_of(alice.user)
    response = client.post(url("event_request", event.pk, bruno.pk), {"message": "Ciao!"})
    assert response.status_code == 302
    assert MeetingRequest.objects.get().recipient == bruno
    response = client.post(url("event_request", event.pk, bruno.pk), {"message": "Ancora"})
    assert response.status_code == 400  # twice
    response = client.post(url("event_request", event.pk, alice.pk), {"message": "Io"})
    assert response.status_code == 400  # self
    other = registered(event_make(title="Altro"))
    assert client.get(url("event_request", event.pk, other.pk)).status_code == 404  # tampered
    response = client.post(url("event_request", event.pk, bruno.pk), {"message": "x" * 1001})
    assert response.status_code == 400
    assert MeetingRequest.objects.count() == 1


def test_answering_a_request_through_the_pages(alice, bruno, event):
    meeting_request = request_send(requester=alice, recipient=bruno, message="", by=alice.user)
    # another person's request is a 404, whoever guesses it
    stranger = client_of(registered(event).user)
    assert (
        stranger.get(url("event_request_move", meeting_request.pk, "declined")).status_code == 404
    )
    assert (
        stranger.post(url("event_request_move", meeting_request.pk, "accepted")).status_code == 404
    )
    requester = client_of(alice.user)
    requester.post(url("event_request_move", meeting_request.pk, "accepted"))
    meeting_request.refresh_from_db()
    assert meeting_request.status == RequestStatus.PENDING  # the requester cannot accept
    recipient = client_of(bruno.user)
    assert (
        recipient.get(url("event_request_move", meeting_request.pk, "nonsense")).status_code == 404
    )
    page = recipient.get(url("event_request_move", meeting_request.pk, "declined"))
    assert page.status_code == 200  # the confirmation
    response = recipient.post(url("event_request_move", meeting_request.pk, "accepted"))
    assert response.url == url("event_slot_pick", Meeting.objects.get().pk)  # recipient picks
    meeting_request.refresh_from_db()
    assert meeting_request.status == RequestStatus.ACCEPTED


def test_picking_the_time_through_the_page(alice, bruno, event):
    meeting = meeting_make(event, alice, bruno)
    one, two = slots_of(event)[:2]
    picker = client_of(bruno.user)
    assert picker.get(url("event_slot_pick", meeting.pk)).status_code == 200
    response = client_of(alice.user).post(url("event_slot_pick", meeting.pk), {"slot": one.pk})
    assert response.status_code == 302  # not hers to pick: told, nothing placed
    meeting.refresh_from_db()
    assert meeting.slot_id is None
    other_slot = slots_of(event_make(title="Altro"))[0]
    assert (
        picker.post(url("event_slot_pick", meeting.pk), {"slot": other_slot.pk}).status_code == 400
    )
    assert picker.post(url("event_slot_pick", meeting.pk), {"slot": "abc"}).status_code == 400
    assert picker.post(url("event_slot_pick", meeting.pk), {"slot": two.pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.slot == two and meeting.table.name == "Tavolo 1"
    assert (
        client_of(registered(event).user).get(url("event_slot_pick", meeting.pk)).status_code == 404
    )


def test_an_online_room_link_is_shown_to_the_two_people_only(event):
    online = event_make(title="Online", format="online", slot_choice=SlotChoice.RECIPIENT)
    online.tables.update(online_url="https://meet.example.org/stanza-segreta")
    a, b = registered(online), registered(online)
    meeting = meeting_make(online, a, b)
    client_of(b.user).post(url("event_slot_pick", meeting.pk), {"slot": slots_of(online)[0].pk})
    page = client_of(a.user).get(url("event_requests", online.pk), {"tab": "meetings"})
    assert "stanza-segreta" in page.content.decode()
    other = registered(online)
    for tab in ("received", "sent", "meetings", "past"):
        page = client_of(other.user).get(url("event_requests", online.pk), {"tab": tab})
        assert "stanza-segreta" not in page.content.decode()
    assert (
        "stanza-segreta"
        not in client_of(other.user).get(url("event_catalogue", online.pk)).content.decode()
    )


# --- flat query counts ----------------------------------------------------------------------


def test_the_list_query_count_is_flat(assert_flat_queries, alice):
    client = client_of(alice.user)

    def grow(n):
        for index in range(n):
            event = event_make(title=f"Evento {index}", slots=1, tables=1)
            registered(event)

    assert_flat_queries.check(lambda: client.get(url("event_list")), grow)


def test_the_page_query_count_is_flat(assert_flat_queries, alice, event):
    client = client_of(alice.user)
    address = url("event_detail", event.pk)
    assert_flat_queries.check(
        lambda: client.get(address), lambda n: [registered(event) for _ in range(n)]
    )


def test_the_catalogue_query_count_is_flat(assert_flat_queries, alice, event):
    client = client_of(alice.user)
    address = url("event_catalogue", event.pk)

    def grow(n):
        for _ in range(n):
            profile = profile_make(offers=["Web design", "Grafica"], needs=["Bandi"],
                                   sectors=["J"], province="MI")  # fmt: skip
            person = registered(event, profile.user)
            request_send(requester=alice, recipient=person, message="", by=alice.user)

    event.max_meetings_per_person = 100
    event.save(update_fields=["max_meetings_per_person"])
    assert_flat_queries.check(lambda: client.get(address), grow)
    assert_flat_queries.check(lambda: client.get(address, {"q": "design"}), lambda n: None)


def test_the_requests_query_count_is_flat(assert_flat_queries, alice, event):
    event.max_meetings_per_person = 100
    event.save(update_fields=["max_meetings_per_person"])
    client = client_of(alice.user)
    slots = slots_of(event)
    placed = []

    def grow(n):
        for _ in range(n):
            other = registered(event)
            request_send(requester=other, recipient=alice, message="Ciao", by=other.user)
            meeting = meeting_make(event, registered(event), registered(event))
            if len(placed) < len(slots):
                from community.events.services.placing import meeting_place

                placed.append(meeting_place(meeting, slots[len(placed)], by="staff"))

    for tab in ("received", "meetings"):
        assert_flat_queries.check(
            lambda tab=tab: client.get(url("event_requests", event.pk), {"tab": tab}), grow
        )


def test_the_page_counts_the_people_registered_once(alice, bruno, event):
    carla = registered(event)
    request_send(requester=alice, recipient=bruno, message="", by=alice.user)
    request_send(requester=alice, recipient=carla, message="", by=alice.user)
    response = Client().get(url("event_detail", event.pk))
    assert response.context["counts"]["registered"] == 3


def test_the_profile_page_query_count_is_flat(assert_flat_queries, alice, event):
    from community.events.models import EventSession
    from community.events.services.events import slots_generate

    client = client_of(alice.user)
    session = EventSession.objects.get(event=event)

    def grow(n):
        session.ends_at = session.ends_at + timedelta(minutes=20 * n)
        session.save(update_fields=["ends_at"])
        slots_generate(session=session)
        alice.available_slots.set(slots_of(event))

    assert_flat_queries.check(lambda: client.get(url("event_profile", event.pk)), grow)


def test_the_slot_pick_page_query_count_is_flat(assert_flat_queries, alice, bruno, event):
    from community.events.models import EventSession
    from community.events.services.events import slots_generate

    meeting = meeting_make(event, alice, bruno)
    client = client_of(bruno.user)
    session = EventSession.objects.get(event=event)

    def grow(n):
        session.ends_at = session.ends_at + timedelta(minutes=20 * n)
        session.save(update_fields=["ends_at"])
        slots_generate(session=session)

    assert_flat_queries.check(lambda: client.get(url("event_slot_pick", meeting.pk)), grow)
