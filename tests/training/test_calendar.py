"""Calendars: a course's .ics (the online link only for the people with a seat) and the personal
feed on a secret address (the person's sessions and group meetings, nobody else's)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coopportal.accounts.calendar_feeds import calendar_feed_get
from coopportal.accounts.models import CalendarFeed
from coopportal.core.calendar import CalendarEntry, build_calendar
from tests.factories import UserFactory
from tests.training.factories_calendar import add_sessions, enrol, make_course, make_trainer
from tests.workgroups.factories import MeetingFactory, MembershipFactory, WorkingGroupFactory
from training.models import CourseStatus, EnrolmentStatus
from workgroups.models import MeetingRSVP

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/governance-segreto"


def events(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


def summaries(body: bytes) -> set[str]:
    return {str(e["SUMMARY"]) for e in events(body)}


def going(meeting, user):
    MeetingRSVP.objects.create(meeting=meeting, user=user, answer=MeetingRSVP.Answer.GOING)
    meeting.going_count += 1
    meeting.save(update_fields=["going_count"])


def feed_url(user):
    return reverse("core:calendar_feed", args=[calendar_feed_get(user=user).secret])


# --- core -----------------------------------------------------------------------------------


def test_build_calendar_writes_rome_times_uid_and_stamp():
    start = timezone.now().replace(microsecond=0)
    entry = CalendarEntry(
        uid="x-1@test",
        title="Prova",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Aula",
        url="https://example.org/x",
        description="Testo",
    )
    body = build_calendar([entry]).to_ical()
    (event,) = events(body)
    assert str(event["UID"]) == "x-1@test"
    assert "DTSTAMP" in event
    assert event["DTSTART"].dt == start
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Rome"
    assert b"VTIMEZONE" in body and b"Europe/Rome" in body


# --- the course's .ics ----------------------------------------------------------------------


def test_course_ics_lists_every_session_with_the_place_for_a_seat(client, participant):
    course = make_course(sessions=3)
    url = reverse("training:course_ics", args=[course.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response.content)
    assert len(found) == 3
    assert b"Sede di Bologna" not in response.content  # the place, as on the page: with a seat
    assert len({str(e["UID"]) for e in found}) == 3
    enrol(course, participant)
    client.force_login(participant)
    found = events(client.get(url).content)
    assert {str(e["LOCATION"]) for e in found} == {"Sede di Bologna, via Rossi 1"}


@pytest.mark.parametrize("who", ["visitor", "participant", "waiting"])
def test_course_ics_has_no_online_link_without_a_seat(client, participant, who):
    course = make_course()
    if who != "visitor":
        client.force_login(participant)
    if who == "waiting":
        enrol(course, participant, status=EnrolmentStatus.WAITING)
    body = client.get(reverse("training:course_ics", args=[course.pk])).content
    assert SECRET_LINK.encode() not in body.replace(b"\r\n ", b"")
    assert len(events(body)) == 2


def test_course_ics_has_the_online_link_for_a_confirmed_seat(client, participant):
    course = make_course()
    enrol(course, participant)
    client.force_login(participant)
    body = client.get(reverse("training:course_ics", args=[course.pk])).content
    assert all(str(e["URL"]) == SECRET_LINK for e in events(body))


def test_course_ics_has_the_online_link_for_the_trainer(client):
    teacher = UserFactory()
    course = make_course(trainer=make_trainer(user=teacher))
    client.force_login(teacher)
    body = client.get(reverse("training:course_ics", args=[course.pk])).content
    assert all(str(e["URL"]) == SECRET_LINK for e in events(body))


def test_course_ics_of_a_draft_or_a_missing_course_is_404(client, member_client):
    draft = make_course(status=CourseStatus.DRAFT)
    for c in (client, member_client):
        assert c.get(reverse("training:course_ics", args=[draft.pk])).status_code == 404
        assert c.get(reverse("training:course_ics", args=[draft.pk + 999])).status_code == 404


def test_course_ics_query_count_is_flat(client, participant, assert_flat_queries):
    course = make_course(sessions=1)
    enrol(course, participant)
    client.force_login(participant)
    url = reverse("training:course_ics", args=[course.pk])

    def fetch():
        assert client.get(url).status_code == 200

    assert_flat_queries.check(fetch, lambda n: add_sessions(course, n))


# --- the personal feed ----------------------------------------------------------------------


def test_settings_page_needs_a_login_and_shows_the_address(client, member_client, member):
    url = reverse("core:calendar_settings")
    assert client.get(url).status_code == 302
    response = member_client.get(url)
    assert response.status_code == 200
    secret = CalendarFeed.objects.get(user=member).secret
    assert len(secret) >= 40
    assert f"/calendario/{secret}.ics" in response.content.decode()


def test_feed_holds_my_sessions_and_my_meetings_and_not_others(client, member):
    other = UserFactory(member=True)
    mine = make_course(title="Corso mio")
    theirs = make_course(title="Corso altrui")
    waiting = make_course(title="Corso in attesa")
    enrol(mine, member)
    enrol(theirs, other)
    enrol(waiting, member, status=EnrolmentStatus.WAITING)
    group = WorkingGroupFactory(name="Energia")
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other)
    meeting_mine = MeetingFactory(group=group, title="Riunione mia")
    meeting_theirs = MeetingFactory(group=group, title="Riunione altrui")
    meeting_not_going = MeetingFactory(group=group, title="Riunione no")
    going(meeting_mine, member)
    going(meeting_theirs, other)
    MeetingRSVP.objects.create(
        meeting=meeting_not_going, user=member, answer=MeetingRSVP.Answer.NOT_GOING
    )

    response = client.get(feed_url(member))  # no login: the secret is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = summaries(response.content)
    assert found == {
        "Corso mio — Incontro 1",
        "Corso mio — Incontro 2",
        "Riunione mia (Energia)",
    }
    uids = {str(e["UID"]) for e in events(response.content)}
    assert any(uid.startswith("training-session-") for uid in uids)
    assert any(uid.startswith(f"workgroups-meeting-{meeting_mine.pk}@") for uid in uids)

    other_found = summaries(client.get(feed_url(other)).content)
    assert "Corso altrui — Incontro 1" in other_found and "Riunione altrui (Energia)" in other_found
    assert not other_found & found


def test_feed_leaves_out_what_is_outside_the_window_and_groups_left(client, member):
    old = make_course(title="Vecchio", sessions=1, starts_at=timezone.now() - timedelta(days=200))
    far = make_course(title="Lontano", sessions=1, starts_at=timezone.now() + timedelta(days=500))
    enrol(old, member)
    enrol(far, member)
    group = WorkingGroupFactory()
    membership = MembershipFactory(group=group, user=member)
    going(MeetingFactory(group=group, title="Dopo l'uscita"), member)
    membership.status = membership.Status.LEFT
    membership.save(update_fields=["status"])
    assert summaries(client.get(feed_url(member)).content) == set()


def test_feed_marks_a_cancelled_course_cancelled(client, member):
    course = make_course(title="Annullato", sessions=1)
    enrol(course, member)
    course.status = CourseStatus.CANCELLED
    course.save(update_fields=["status"])
    (event,) = events(client.get(feed_url(member)).content)
    assert str(event["STATUS"]) == "CANCELLED"


def test_regenerate_replaces_the_secret_and_the_old_address_is_404(client, member_client, member):
    old_url = feed_url(member)
    assert client.get(old_url).status_code == 200
    url = reverse("core:calendar_regenerate")
    # GET asks, a POST without the confirmation changes nothing
    assert member_client.get(url).status_code == 200
    member_client.post(url)
    assert client.get(old_url).status_code == 200
    response = member_client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    new_url = feed_url(member)
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


@pytest.mark.parametrize("secret", ["abc", "x" * 43, "x" * 300, "%00"])
def test_unknown_secrets_are_404(client, member, secret):
    calendar_feed_get(user=member)
    assert client.get(f"/calendario/{secret}.ics").status_code == 404


def test_inactive_person_feed_is_404(client, member):
    url = feed_url(member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_feed_query_count_is_flat(client, member, assert_flat_queries):
    url = feed_url(member)
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member)

    def grow(n):
        for index in range(n):
            course = make_course(title=f"Corso {index}", sessions=1)
            enrol(course, member)
            going(MeetingFactory(group=group), member)

    def fetch():
        assert client.get(url).status_code == 200

    assert_flat_queries.check(fetch, grow)


def test_course_page_links_its_ics_and_my_training_links_my_calendar(client, member_client):
    course = make_course()
    page = client.get(course.get_absolute_url()).content.decode()
    assert reverse("training:course_ics", args=[course.pk]) in page
    mine = member_client.get(reverse("training:my_training")).content.decode()
    assert reverse("core:calendar_settings") in mine
