"""A person's agenda at a matching event: the page, the PDF, the .ics and the calendar feed."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from community.calendar import events_for as community_events_for
from community.events.calendar import events_for
from community.events.models import EventStatus, Meeting
from coopportal.core.calendar import feed_window

from .agenda_factories import accepted_meeting, make_event, register, slots_of, tables_of

pytestmark = pytest.mark.django_db


def agenda_url(event, name="event_agenda"):
    return reverse(f"community:{name}", args=[event.pk])


@pytest.fixture
def setting(member):
    """The member's event: a meeting placed at the second slot, one still without a time, and
    a meeting of two other people."""
    event = make_event(online=True, slots=3, tables=2)
    slots, tables = slots_of(event), tables_of(event)
    mine = register(event, member, name="Maria Rossi")
    anna = register(event, name="Anna Bianchi", organisation="Cooperativa Beta")
    luca = register(event, name="Luca Verdi")
    placed = accepted_meeting(event, anna, mine, slot=slots[1], table=tables[0])
    waiting = accepted_meeting(event, mine, luca)
    others = accepted_meeting(event, anna, luca, slot=slots[0], table=tables[1])
    return {
        "event": event,
        "mine": mine,
        "placed": placed,
        "waiting": waiting,
        "others": others,
        "tables": tables,
    }


def test_agenda_page_lists_my_meetings_in_time_order(member_client, setting):
    response = member_client.get(agenda_url(setting["event"]))
    assert response.status_code == 200
    items = response.context["items"]
    assert [i.meeting for i in items] == [setting["placed"], setting["waiting"]]
    page = response.content.decode()
    assert "Anna Bianchi" in page and "Cooperativa Beta" in page
    assert setting["tables"][0].online_url in page  # my room's link
    assert setting["tables"][1].online_url not in page  # not the others' room


def test_agenda_someone_elses_or_guessed_is_404(client, participant_client, member_client, setting):
    event = setting["event"]
    for name in ("event_agenda", "event_agenda_pdf", "event_agenda_ics"):
        assert participant_client.get(agenda_url(event, name)).status_code == 404
        assert member_client.get(reverse(f"community:{name}", args=[99999])).status_code == 404
        assert client.get(agenda_url(event, name)).status_code == 302  # to the login page


def test_agenda_of_a_cancelled_registration_or_a_draft_event_is_404(member_client, setting):
    mine = setting["mine"]
    mine.status = mine.Status.CANCELLED
    mine.save(update_fields=["status"])
    assert member_client.get(agenda_url(setting["event"])).status_code == 404
    draft = make_event(status=EventStatus.DRAFT)
    register(draft, mine.user)
    assert member_client.get(agenda_url(draft)).status_code == 404


def test_agenda_pdf_reads_back(member_client, setting):
    response = member_client.get(agenda_url(setting["event"], "event_agenda_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Anna Bianchi" in text and "Luca Verdi" in text
    assert "Stanza 1" in text


def test_agenda_ics_has_my_placed_meetings_only(member_client, setting):
    response = member_client.get(agenda_url(setting["event"], "event_agenda_ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1  # the meeting without a time is not in it
    (event,) = events
    slot = setting["placed"].slot
    assert event.decoded("dtstart") == slot.starts_at
    assert event.decoded("dtend") == slot.ends_at
    assert "Anna Bianchi" in str(event["summary"])
    assert str(event["location"]) == setting["tables"][0].online_url
    assert str(event["uid"]).startswith(f"community-event-meeting-{setting['placed'].pk}-")


def test_agenda_feed_entries(member, setting):
    entries = events_for(member, base_url="https://portal.example", host="portal.example")
    assert [e.starts_at for e in entries] == [setting["placed"].slot.starts_at]
    assert community_events_for(
        member, base_url="", host="h", window=feed_window()
    )  # gathered by the community app
    Meeting.objects.filter(pk=setting["placed"].pk).update(cancelled_at=timezone.now())
    assert events_for(member, base_url="", host="h") == []


def test_agenda_feed_window(member, setting):
    later = timezone.now() + timedelta(days=30)
    assert (
        events_for(member, base_url="", host="h", window=(later, later + timedelta(days=1))) == []
    )


def test_agenda_in_person_shows_table_and_venue(member, member_client):
    event = make_event(slots=2, tables=1)
    mine, other = register(event, member), register(event)
    accepted_meeting(event, mine, other, slot=slots_of(event)[0], table=tables_of(event)[0])
    page = member_client.get(agenda_url(event)).content.decode()
    assert "Tavolo 1" in page
    (entry,) = events_for(member, base_url="", host="h")
    assert entry.location == f"Tavolo 1 — {event.venue}"


def test_agenda_page_query_count_is_flat(member, member_client, assert_flat_queries):
    event = make_event(online=True, slots=30, tables=2)
    slots, tables = slots_of(event), tables_of(event)
    mine = register(event, member)
    used = []

    def grow(n):
        for _ in range(n):
            slot = slots[len(used)]
            used.append(slot)
            accepted_meeting(event, register(event), mine, slot=slot, table=tables[0])
            accepted_meeting(event, mine, register(event))

    def fetch():
        assert member_client.get(agenda_url(event)).status_code == 200

    assert assert_flat_queries.check(fetch, grow, few=2, many=8) <= 12


def test_agenda_ics_and_feed_query_count_is_flat(member, member_client, assert_flat_queries):
    event = make_event(slots=30, tables=2)
    slots, tables = slots_of(event), tables_of(event)
    mine = register(event, member)
    used = []

    def grow(n):
        for _ in range(n):
            slot = slots[len(used)]
            used.append(slot)
            accepted_meeting(event, register(event), mine, slot=slot, table=tables[0])

    def fetch():
        assert member_client.get(agenda_url(event, "event_agenda_ics")).status_code == 200
        assert len(events_for(member, base_url="", host="h")) == len(used)

    assert_flat_queries.check(fetch, grow, few=2, many=8)
