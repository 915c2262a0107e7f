"""After the event: held or not, what came of a meeting, the figures, and the beat jobs that
remind people the day before and ask them afterwards (each once)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.board_figures import figures as community_figures
from community.events import tasks_agenda
from community.events.board_figures import active_people, figures
from community.events.models import FeedbackStage, MatchingEvent, MeetingFeedback, MeetingSide
from community.events.selectors.agenda import event_figures
from community.events.services.outcomes import (
    SIX_MONTHS,
    events_to_ask,
    events_to_remind,
    feedback_ask,
    outcome_record,
    reminders_send,
)
from coopportal.core.exceptions import DomainError
from coopportal.core.figures import Period
from coopportal.notifications.models import Notification

from .agenda_factories import accepted_meeting, make_event, register, side_of, slots_of, tables_of

pytestmark = pytest.mark.django_db


def placed_meeting(event, a, b, index=0, table=0):
    return accepted_meeting(event, a, b, slot=slots_of(event)[index], table=tables_of(event)[table])


@pytest.fixture
def past(member):
    """An event that ended an hour ago: the member met Anna."""
    event = make_event(starts_in=-timedelta(hours=3), slots=3)
    mine = register(event, member)
    anna = register(event, name="Anna Bianchi")
    meeting = placed_meeting(event, mine, anna)
    return {"event": event, "mine": mine, "anna": anna, "meeting": meeting}


def outcome_url(event, meeting):
    return reverse("community:event_meeting_outcome", args=[event.pk, meeting.pk])


def test_outcome_record_held_with_feedback(member, past):
    side = side_of(past["meeting"], past["mine"])
    outcome_record(side=side, held=True, outcome="agreement", comment=" Bene ", by=member)
    side.refresh_from_db()
    assert side.held is True and side.marked_at is not None
    (feedback,) = MeetingFeedback.objects.filter(side=side)
    assert (feedback.stage, feedback.outcome, feedback.comment) == ("after", "agreement", "Bene")
    # said again: replaced, not doubled
    outcome_record(side=side, held=True, outcome="talks", by=member)
    assert list(MeetingFeedback.objects.values_list("outcome", flat=True)) == ["talks"]
    outcome_record(side=side, held=False, by=member)
    assert not MeetingFeedback.objects.exists()


def test_outcome_record_refusals_write_nothing(member, past):
    anna_side = side_of(past["meeting"], past["anna"])
    with pytest.raises(DomainError):
        outcome_record(side=anna_side, held=True, outcome="agreement", by=member)
    mine = side_of(past["meeting"], past["mine"])
    with pytest.raises(DomainError):
        outcome_record(side=mine, held=True, outcome="", by=member)
    with pytest.raises(DomainError):
        outcome_record(side=mine, held=True, outcome="bogus", by=member)
    future = make_event()
    soon = placed_meeting(future, register(future, past["mine"].user), register(future))
    with pytest.raises(DomainError):
        outcome_record(
            side=side_of(soon, soon.request.requester), held=True, outcome="none", by=member
        )
    assert not MeetingSide.objects.filter(held__isnull=False).exists()
    assert not MeetingFeedback.objects.exists()


def test_outcome_record_six_months_later(member, past):
    MatchingEvent.objects.filter(pk=past["event"].pk).update(
        starts_at=timezone.now() - SIX_MONTHS - timedelta(days=2),
        ends_at=timezone.now() - SIX_MONTHS - timedelta(days=1),
        registration_deadline=timezone.now() - SIX_MONTHS - timedelta(days=3),
    )
    side = side_of(past["meeting"], past["mine"])
    outcome_record(side=side, held=True, outcome="agreement", by=member)
    assert MeetingFeedback.objects.get().stage == FeedbackStage.SIX_MONTHS


def test_outcome_page_saves_and_goes_back_to_the_agenda(member_client, past):
    url = outcome_url(past["event"], past["meeting"])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"held": "yes", "outcome": "possible", "comment": "Ok"})
    assert response.status_code == 302
    assert response["Location"] == reverse("community:event_agenda", args=[past["event"].pk])
    assert MeetingFeedback.objects.get().outcome == "possible"
    page = member_client.get(response["Location"]).content.decode()
    assert "Change" in page or "Modifica" in page


@pytest.mark.parametrize(
    "data",
    [{}, {"held": "maybe"}, {"held": "yes"}, {"held": "yes", "outcome": "bogus"}],
)
def test_outcome_page_bad_input_is_400_and_writes_nothing(member_client, past, data):
    response = member_client.post(outcome_url(past["event"], past["meeting"]), data)
    assert response.status_code == 400
    assert not MeetingSide.objects.filter(held__isnull=False).exists()
    assert not MeetingFeedback.objects.exists()


def test_outcome_page_of_someone_elses_meeting_is_404(participant_client, member_client, past):
    url = outcome_url(past["event"], past["meeting"])
    assert participant_client.get(url).status_code == 404
    assert participant_client.post(url, {"held": "no"}).status_code == 404
    other = make_event(starts_in=-timedelta(hours=3))
    foreign = placed_meeting(other, register(other), register(other))
    assert member_client.get(outcome_url(other, foreign)).status_code == 404
    assert member_client.get(outcome_url(other, past["meeting"])).status_code == 404  # wrong event


def test_outcome_page_before_the_meeting_refuses(member, member_client):
    event = make_event()
    meeting = placed_meeting(event, register(event, member), register(event))
    url = outcome_url(event, meeting)
    assert member_client.get(url).status_code == 200
    assert member_client.post(url, {"held": "no"}).status_code == 400
    assert not MeetingSide.objects.filter(held__isnull=False).exists()


# -- figures ------------------------------------------------------------------------------------


def test_figures_held_no_show_and_outcomes(past):
    event, mine, anna = past["event"], past["mine"], past["anna"]
    luca, sara, gino = (register(event) for _ in range(3))
    both = past["meeting"]  # both say held
    one = placed_meeting(event, mine, luca, index=1)  # one says held, the other nothing
    clash = placed_meeting(event, anna, sara, index=1, table=1)  # held against not held
    absent = placed_meeting(event, luca, gino, index=2)  # one says not held
    placed_meeting(event, sara, gino, index=0, table=1)  # nobody answered
    accepted_meeting(event, mine, gino)  # never placed
    for meeting, side, held in [
        (both, mine, True),
        (both, anna, True),
        (one, mine, True),
        (clash, anna, True),
        (clash, sara, False),
        (absent, gino, False),
    ]:
        outcome = "agreement" if held else ""
        outcome_record(side=side_of(meeting, side), held=held, outcome=outcome, by=side.user)
    numbers = event_figures(event)
    assert (numbers["sent"], numbers["accepted"], numbers["placed"]) == (6, 6, 5)
    assert (numbers["held"], numbers["no_show"], numbers["no_show_rate"]) == (2, 2, 50)
    agreement = next(r for r in numbers["outcomes"] if r["outcome"] == "agreement")
    assert (agreement["after"], agreement["six_months"]) == (4, 0)


def test_figures_page_staff_only_and_flat(client, member_client, staff_client, assert_flat_queries):
    event = make_event(starts_in=-timedelta(days=1), slots=40, tables=1)
    url = reverse("community:event_figures", args=[event.pk])
    assert client.get(url).status_code == 302
    assert member_client.get(url).status_code == 404
    assert staff_client.get(reverse("community:event_figures", args=[99999])).status_code == 404
    used = []

    def grow(n):
        for _ in range(n):
            a, b = register(event), register(event)
            meeting = placed_meeting(event, a, b, index=len(used))
            used.append(meeting)
            outcome_record(side=side_of(meeting, a), held=True, outcome="talks", by=a.user)

    def fetch():
        response = staff_client.get(url)
        assert response.status_code == 200
        assert response.context["figures"]["held"] == len(used)

    assert assert_flat_queries.check(fetch, grow, few=2, many=10) <= 12


def test_board_figures_and_active_people(member, past):
    side = side_of(past["meeting"], past["mine"])
    outcome_record(side=side, held=True, outcome="possible", by=member)
    today = timezone.localdate()
    period = Period(date(today.year - 1, today.month, 1), today)
    items = {getattr(i, "key", None): i for i in figures(period)}
    assert items["events_requests_sent"].value == 1
    assert items["events_meetings_held"].value == 1
    assert items["events_no_show_rate"].value == 0
    assert [n for _label, n in items["events_outcomes"].rows] == [1]
    assert any(i.key == "events_meetings_held" for i in community_figures(period))
    ids = set()
    for queryset in active_people(period.since, period.until):
        ids.update(queryset)
    assert member.pk in ids


# -- the beat jobs ------------------------------------------------------------------------------


def test_reminders_the_day_before_once_per_person(django_capture_on_commit_callbacks):
    event = make_event(starts_in=timedelta(hours=20), slots=3)
    a, b, c = (register(event) for _ in range(3))
    placed_meeting(event, a, b, index=0)
    placed_meeting(event, a, c, index=1)
    register(event)  # nobody to meet: not reminded
    later = make_event(starts_in=timedelta(days=3))
    placed_meeting(later, register(later), register(later))
    assert list(events_to_remind()) == [event]
    with django_capture_on_commit_callbacks() as callbacks:
        assert tasks_agenda.events_send_reminders() == 1
    assert len(callbacks) == 1
    assert reminders_send(event_id=event.pk) == 3
    sent = Notification.objects.filter(kind="community.event_agenda_reminder")
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted(
        [a.user_id, b.user_id, c.user_id]
    )
    assert sent.get(recipient_id=a.user_id).context["count"] == 2
    # again: nobody twice, and the beat job finds nothing to do
    assert reminders_send(event_id=event.pk) == 0
    assert tasks_agenda.events_send_reminders() == 0
    assert sent.count() == 3
    # someone placed later is reminded then, alone
    d = register(event)
    placed_meeting(event, b, d, index=2)
    assert reminders_send(event_id=event.pk) == 1


def test_feedback_asked_after_the_event_once_per_side(past):
    event = past["event"]
    assert list(events_to_ask(FeedbackStage.AFTER)) == [event]
    assert list(events_to_ask(FeedbackStage.SIX_MONTHS)) == []
    assert tasks_agenda.events_ask_feedback_after(event.pk) == 2
    assert feedback_ask(event_id=event.pk, stage=FeedbackStage.AFTER) == 0
    assert list(events_to_ask(FeedbackStage.AFTER)) == []
    sent = Notification.objects.filter(kind="community.event_feedback_after")
    assert sent.count() == 2
    assert sent.get(recipient=past["mine"].user).url == outcome_url(event, past["meeting"])
    assert "Anna Bianchi" in sent.get(recipient=past["mine"].user).context["person"]


def test_feedback_asked_six_months_later_once_per_side(past):
    event = past["event"]
    ended = timezone.now() - SIX_MONTHS - timedelta(hours=1)
    MatchingEvent.objects.filter(pk=event.pk).update(
        starts_at=ended - timedelta(hours=2), ends_at=ended, registration_deadline=ended
    )
    anna_side = side_of(past["meeting"], past["anna"])
    MeetingSide.objects.filter(pk=anna_side.pk).update(held=False)  # not asked: it did not happen
    assert list(events_to_ask(FeedbackStage.AFTER)) == []
    assert list(events_to_ask(FeedbackStage.SIX_MONTHS)) == [event]
    assert feedback_ask(event_id=event.pk, stage=FeedbackStage.AFTER) == 0  # too late for that
    assert tasks_agenda.events_ask_feedback() == 1
    assert tasks_agenda.events_ask_feedback_six_months(event.pk) == 1
    assert tasks_agenda.events_ask_feedback_six_months(event.pk) == 0
    sent = Notification.objects.filter(kind="community.event_feedback_six_months")
    assert list(sent.values_list("recipient_id", flat=True)) == [past["mine"].user_id]


def test_board_figures_query_count_is_flat(assert_flat_queries):
    event = make_event(starts_in=-timedelta(days=1), slots=40, tables=1)
    today = timezone.localdate()
    period = Period(date(today.year - 1, today.month, 1), today)
    used = []

    def grow(n):
        for _ in range(n):
            a, b = register(event), register(event)
            meeting = placed_meeting(event, a, b, index=len(used))
            used.append(meeting)
            outcome_record(side=side_of(meeting, a), held=True, outcome="talks", by=a.user)

    def fetch():
        items = {getattr(i, "key", None): i for i in figures(period)}
        assert items["events_meetings_held"].value == len(used)

    assert assert_flat_queries.check(fetch, grow, few=2, many=10) <= 4
