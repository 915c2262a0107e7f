"""Board meetings: the agenda of forwarded recommendations, the PDF pack, decisions, follow-ups."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from board import tasks
from board.models import AgendaEntry, BoardMeeting
from board.services import meetings as services
from board.views.meetings import AGENDA_CHOICES
from coopportal.accounts.models import User
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, board_user, enrol_totp
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory
from workgroups.models import ProposalAuthor

pytestmark = pytest.mark.django_db


def meeting(**kwargs):
    defaults = {
        "title": "CdA di dicembre",
        "starts_at": timezone.now() + timedelta(days=7),
        "place": "Sede di Bologna",
    }
    return BoardMeeting.objects.create(**{**defaults, **kwargs})


def started(**kwargs):
    return meeting(starts_at=timezone.now() - timedelta(hours=1), **kwargs)


def recommendation(**kwargs):
    return ProposalFactory(forwarded=True, **kwargs)


def entry_on(board_meeting, proposal=None, **kwargs):
    return AgendaEntry.objects.create(
        meeting=board_meeting, proposal=proposal or recommendation(), **kwargs
    )


def pdf_text(data):
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# Services -----------------------------------------------------------------------------------


def test_meeting_create_in_the_future_only(board):
    created = services.meeting_create(
        by=board, title=" CdA ", starts_at=timezone.now() + timedelta(days=3), place="Roma"
    )
    assert created.title == "CdA"
    assert created.status == BoardMeeting.Status.PLANNED
    with pytest.raises(DomainError):
        services.meeting_create(
            by=board, title="Ieri", starts_at=timezone.now() - timedelta(days=1)
        )
    assert BoardMeeting.objects.count() == 1


@pytest.mark.parametrize("role", ["member", "staff"])
def test_only_the_board_manages_meetings(role, request):
    user = request.getfixturevalue(role)
    with pytest.raises(DomainError):
        services.meeting_create(by=user, title="x", starts_at=timezone.now() + timedelta(days=1))
    upcoming = meeting()
    with pytest.raises(DomainError):
        services.agenda_add(meeting=upcoming, proposal=recommendation(), by=user)
    assert not AgendaEntry.objects.exists()


def test_agenda_add_tells_the_authors_and_coauthors(board):
    proposal = recommendation(title="Webinar gratuiti")
    coauthor = UserFactory(member=True)
    ProposalAuthor.objects.create(proposal=proposal, user=coauthor, status="accepted")
    upcoming = meeting()
    first = services.agenda_add(meeting=upcoming, proposal=recommendation(), by=board)
    entry = services.agenda_add(
        meeting=upcoming, proposal=proposal, by=board, discussion_summary=" Ne abbiamo parlato "
    )
    assert (first.position, entry.position) == (1, 2)
    assert entry.discussion_summary == "Ne abbiamo parlato"
    assert kinds_for(proposal.created_by) == ["board.recommendation_scheduled"]
    assert kinds_for(coauthor) == ["board.recommendation_scheduled"]
    assert kinds_for(board) == []
    note = Notification.objects.get(recipient=coauthor)
    assert note.url == proposal.get_absolute_url()
    assert AuditEvent.objects.filter(action="board.meeting.agenda_added").count() == 2


def test_agenda_add_refuses_duplicates_drafts_and_closed_meetings(board):
    upcoming = meeting()
    proposal = recommendation()
    services.agenda_add(meeting=upcoming, proposal=proposal, by=board)
    with pytest.raises(DomainError) as refused:
        services.agenda_add(meeting=upcoming, proposal=proposal, by=board)
    assert refused.value.code == "duplicate"
    with pytest.raises(DomainError) as refused:
        services.agenda_add(meeting=upcoming, proposal=ProposalFactory(published=True), by=board)
    assert refused.value.code == "not_forwarded"
    cancelled = meeting(status=BoardMeeting.Status.CANCELLED)
    with pytest.raises(DomainError):
        services.agenda_add(meeting=cancelled, proposal=recommendation(), by=board)
    assert AgendaEntry.objects.count() == 1


def test_agenda_move_and_remove(board):
    upcoming = meeting()
    a, b, c = (entry_on(upcoming, position=i) for i in (1, 2, 3))
    services.agenda_move(entry=c, by=board, up=True)
    order = list(upcoming.entries.order_by("position").values_list("pk", flat=True))
    assert order == [a.pk, c.pk, b.pk]
    services.agenda_move(entry=a, by=board, up=True)  # already first: nothing moves
    assert list(upcoming.entries.order_by("position").values_list("pk", flat=True)) == order
    services.agenda_remove(entry=b, by=board)
    assert list(upcoming.entries.values_list("pk", flat=True)) == [a.pk, c.pk]


def test_a_decided_item_stays_on_the_agenda(board):
    held = started()
    entry = entry_on(held)
    services.agenda_decide(entry=entry, by=board, decision="Approvato")
    with pytest.raises(DomainError):
        services.agenda_remove(entry=entry, by=board)
    assert AgendaEntry.objects.filter(pk=entry.pk).exists()


def test_decision_with_follow_up(board):
    entry = entry_on(started())
    follow_up = timezone.localdate() + timedelta(days=30)
    decided = services.agenda_decide(
        entry=entry, by=board, decision="Si procede con due webinar", follow_up_on=follow_up
    )
    assert decided.decided_by == board
    assert decided.decided_at is not None
    assert decided.follow_up_on == follow_up
    assert AuditEvent.objects.filter(action="board.meeting.decision").exists()


@pytest.mark.parametrize(
    ("when", "decision", "follow_up", "code"),
    [
        ("future", "Approvato", None, "early"),
        ("past", "   ", None, "empty"),
        ("past", "Approvato", 0, "past"),
        ("past", "Approvato", -3, "past"),
    ],
)
def test_decision_refusals_write_nothing(board, when, decision, follow_up, code):
    board_meeting = meeting() if when == "future" else started()
    entry = entry_on(board_meeting)
    follow_up_on = None if follow_up is None else timezone.localdate() + timedelta(days=follow_up)
    with pytest.raises(DomainError) as refused:
        services.agenda_decide(entry=entry, by=board, decision=decision, follow_up_on=follow_up_on)
    assert refused.value.code == code
    entry.refresh_from_db()
    assert (entry.decision, entry.decided_at, entry.follow_up_on) == ("", None, None)


def test_meeting_held_only_once_started_and_cancel(board):
    upcoming = meeting()
    with pytest.raises(DomainError) as refused:
        services.meeting_mark_held(meeting=upcoming, by=board)
    assert refused.value.code == "early"
    services.meeting_cancel(meeting=upcoming, by=board, reason="Manca il numero legale")
    upcoming.refresh_from_db()
    assert upcoming.status == BoardMeeting.Status.CANCELLED
    assert upcoming.cancelled_at is not None
    with pytest.raises(DomainError):
        services.meeting_mark_held(meeting=upcoming, by=board)
    held = services.meeting_mark_held(meeting=started(), by=board)
    assert held.status == BoardMeeting.Status.HELD
    assert held.held_at is not None


def test_follow_up_reminds_every_board_member_once(board, django_capture_on_commit_callbacks):
    other = board_user()
    member = UserFactory(member=True)
    today = timezone.localdate()
    due = entry_on(started(), follow_up_on=today, decision="Verificare")
    late = entry_on(started(), follow_up_on=today - timedelta(days=2), decision="Verificare")
    entry_on(started(), follow_up_on=today + timedelta(days=1))  # not yet
    entry_on(
        started(status=BoardMeeting.Status.CANCELLED), follow_up_on=today
    )  # a cancelled meeting's decisions are not followed up
    assert services.follow_ups_due() == [late.pk, due.pk]

    with django_capture_on_commit_callbacks(execute=True):  # tasks leave after commit
        assert tasks.send_follow_up_reminders() == 2  # one task per entry (inline here)
    assert services.follow_ups_due() == []
    assert tasks.send_follow_up_reminder(due.pk) is False  # a second run sends nothing
    for person in (board, other):
        assert kinds_for(person) == ["board.follow_up_due"] * 2
    assert kinds_for(member) == []
    note = Notification.objects.filter(recipient=board).first()
    assert note.url == due.meeting.get_absolute_url()


def test_changing_the_follow_up_date_arms_the_reminder_again(board):
    entry = entry_on(started(), follow_up_on=timezone.localdate(), follow_up_sent_at=timezone.now())
    services.agenda_decide(
        entry=entry, by=board, decision="Rivedere",
        follow_up_on=timezone.localdate() + timedelta(days=10),
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.follow_up_sent_at is None
    assert services.follow_ups_due(today=entry.follow_up_on) == [entry.pk]


def test_beat_schedules_exist_for_follow_ups_and_report():
    from django_celery_beat.models import PeriodicTask

    tasks_by_name = dict(PeriodicTask.objects.values_list("name", "task"))
    assert tasks_by_name["board: follow-up reminders"] == ("board.send_follow_up_reminders")
    assert tasks_by_name["board: periodic report"] == "board.send_periodic_report"


# Pages --------------------------------------------------------------------------------------


def meeting_urls(board_meeting, entry):
    pk, e = board_meeting.pk, entry.pk
    return [
        ("get", reverse("board:meeting_list")),
        ("get", reverse("board:meeting_create")),
        ("get", reverse("board:meeting_detail", args=[pk])),
        ("get", reverse("board:meeting_update", args=[pk])),
        ("get", reverse("board:meeting_pack", args=[pk])),
        ("post", reverse("board:meeting_held", args=[pk])),
        ("post", reverse("board:meeting_cancel", args=[pk])),
        ("post", reverse("board:agenda_add", args=[pk])),
        ("post", reverse("board:agenda_summary", args=[pk, e])),
        ("post", reverse("board:agenda_decision", args=[pk, e])),
        ("post", reverse("board:agenda_remove", args=[pk, e])),
        ("post", reverse("board:agenda_move", args=[pk, e, "up"])),
        ("post", reverse("board:recommendation_schedule", args=[entry.proposal_id])),
    ]


def test_visitors_go_to_login_and_other_roles_are_refused(client, participant, member, staff):
    board_meeting = meeting()
    entry = entry_on(board_meeting)
    for method, url in meeting_urls(board_meeting, entry):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    for user in (participant, member, staff):
        other = Client()
        other.force_login(user)
        for method, url in meeting_urls(board_meeting, entry):
            assert getattr(other, method)(url, {"reason": "x"}).status_code == 403, url
    board_meeting.refresh_from_db()
    assert board_meeting.status == BoardMeeting.Status.PLANNED
    assert AgendaEntry.objects.count() == 1


def test_an_item_is_reached_only_under_its_own_meeting(board_client):
    first, second = meeting(), started()
    entry = entry_on(first)
    url = reverse("board:agenda_decision", args=[second.pk, entry.pk])
    assert board_client.post(url, {f"d{entry.pk}-decision": "x"}).status_code == 404
    assert board_client.get(reverse("board:meeting_detail", args=[99999])).status_code == 404
    assert board_client.get(reverse("board:meeting_pack", args=[99999])).status_code == 404
    assert (
        board_client.post(reverse("board:agenda_move", args=[first.pk, entry.pk, "x"])).status_code
        == 404
    )
    entry.refresh_from_db()
    assert entry.decision == ""


def test_board_schedules_a_meeting_through_the_form(board_client):
    when = timezone.localtime() + timedelta(days=10)
    response = board_client.post(
        reverse("board:meeting_create"),
        {"title": "CdA di gennaio", "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "Roma"},
    )
    created = BoardMeeting.objects.get()
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert timezone.localtime(created.starts_at).strftime("%Y%m%d%H%M") == when.strftime(
        "%Y%m%d%H%M"
    )


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "starts_at": "2030-01-01T10:00"},
        {"title": "CdA", "starts_at": "domani"},
        {"title": "CdA", "starts_at": "2020-01-01T10:00"},
        {"title": "x" * 201, "starts_at": "2030-01-01T10:00"},
    ],
)
def test_bad_meeting_input_shows_the_form_and_writes_nothing(board_client, data):
    response = board_client.post(reverse("board:meeting_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not BoardMeeting.objects.exists()


def test_past_date_message_is_in_italian_for_italian_people(board_client):
    response = board_client.post(
        reverse("board:meeting_create"), {"title": "CdA", "starts_at": "2020-01-01T10:00"}
    )
    assert "futuro" in response.content.decode()


def test_edit_a_planned_meeting(board_client):
    board_meeting = meeting()
    url = reverse("board:meeting_update", args=[board_meeting.pk])
    assert board_client.get(url).context["form"].initial["title"] == "CdA di dicembre"
    when = board_meeting.starts_at + timedelta(days=1)
    board_client.post(
        url,
        {"title": "CdA spostato", "starts_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")},
    )
    board_meeting.refresh_from_db()
    assert board_meeting.title == "CdA spostato"


def test_add_summarise_decide_through_the_pages(board_client, board):
    board_meeting = started()
    proposal = recommendation(title="Sportello bandi")
    detail = reverse("board:meeting_detail", args=[board_meeting.pk])
    board_client.post(
        reverse("board:agenda_add", args=[board_meeting.pk]), {"proposal": proposal.pk}
    )
    entry = AgendaEntry.objects.get()
    board_client.post(
        reverse("board:agenda_summary", args=[board_meeting.pk, entry.pk]),
        {f"s{entry.pk}-discussion_summary": "Il gruppo chiede uno sportello."},
    )
    follow_up = timezone.localdate() + timedelta(days=20)
    response = board_client.post(
        reverse("board:agenda_decision", args=[board_meeting.pk, entry.pk]),
        {f"d{entry.pk}-decision": "Sportello dal 2027", f"d{entry.pk}-follow_up_on": follow_up},
    )
    assert response.url == f"{detail}#item-{entry.pk}"
    entry.refresh_from_db()
    assert entry.discussion_summary == "Il gruppo chiede uno sportello."
    assert (entry.decision, entry.follow_up_on) == ("Sportello dal 2027", follow_up)
    page = board_client.get(detail).content.decode()
    assert "Sportello bandi" in page
    assert "Sportello dal 2027" in page


def test_bad_agenda_input_is_a_message_not_an_error(board_client):
    board_meeting = meeting()
    draft = ProposalFactory()
    response = board_client.post(
        reverse("board:agenda_add", args=[board_meeting.pk]), {"proposal": draft.pk}, follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    entry = entry_on(board_meeting)
    response = board_client.post(
        reverse("board:agenda_decision", args=[board_meeting.pk, entry.pk]),
        {f"d{entry.pk}-decision": "Troppo presto", f"d{entry.pk}-follow_up_on": "31/02/2030"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AgendaEntry.objects.exclude(pk=entry.pk).exists()
    entry.refresh_from_db()
    assert entry.decision == ""


def test_schedule_from_the_recommendation_page(board_client):
    proposal = recommendation()
    board_meeting = meeting(title="CdA di marzo")
    page = board_client.get(reverse("board:recommendation_detail", args=[proposal.pk]))
    assert page.context["schedule_form"] is not None
    board_client.post(
        reverse("board:recommendation_schedule", args=[proposal.pk]), {"meeting": board_meeting.pk}
    )
    assert AgendaEntry.objects.filter(meeting=board_meeting, proposal=proposal).exists()
    page = board_client.get(reverse("board:recommendation_detail", args=[proposal.pk]))
    assert "CdA di marzo" in page.content.decode()
    # a past or cancelled meeting is not offered, and posting it is refused
    past = started()
    response = board_client.post(
        reverse("board:recommendation_schedule", args=[proposal.pk]), {"meeting": past.pk}
    )
    assert response.status_code == 302
    assert not AgendaEntry.objects.filter(meeting=past).exists()


def test_pack_has_the_agenda_and_each_recommendation(board_client, board):
    board_meeting = meeting(title="CdA di dicembre")
    group = WorkingGroupFactory(name="Formazione continua")
    proposal = recommendation(group=group, title="Webinar gratuiti per i soci")
    entry_on(
        board_meeting, proposal, position=1, discussion_summary="Discussa in tre incontri",
        staff_notes="Costo stimato 4.000 euro",
    )  # fmt: skip
    entry_on(board_meeting, recommendation(title="Un albo dei formatori"), position=2)
    response = board_client.get(reverse("board:meeting_pack", args=[board_meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in (
        "CdA di dicembre",
        "1. Webinar gratuiti per i soci",
        "2. Un albo dei formatori",
        "Formazione continua",
        "Discussa in tre incontri",
        "Costo stimato 4.000 euro",
        proposal.summary,
    ):
        assert expected in text


def page_ok(client, url):
    """A page to measure: it must answer 200."""

    def fetch():
        assert client.get(url).status_code == 200, url

    return fetch


def test_meeting_pages_query_count_does_not_grow(board_client, assert_flat_queries):
    board_meeting = meeting()
    entry_on(board_meeting)
    list_url = reverse("board:meeting_list")
    detail_url = reverse("board:meeting_detail", args=[board_meeting.pk])

    def grow(n):
        for _ in range(n):
            meeting()
            entry_on(board_meeting, recommendation(group=WorkingGroupFactory()))

    for url in (list_url, detail_url):  # each page on its own
        assert_flat_queries.check(page_ok(board_client, url), grow, few=0, many=12)


def test_pack_query_count_does_not_grow(board_client, assert_flat_queries):
    board_meeting = meeting()
    entry_on(board_meeting)
    url = reverse("board:meeting_pack", args=[board_meeting.pk])

    def grow(n):
        for _ in range(n):
            entry_on(board_meeting, recommendation(group=WorkingGroupFactory()))

    assert_flat_queries.check(page_ok(board_client, url), grow, few=0, many=5)


# Admin ---------------------------------------------------------------------------------------


def test_staff_write_the_staff_notes_in_the_admin(staff_client):
    board_meeting = meeting()
    entry = entry_on(board_meeting, discussion_summary="Dal CdA")
    url = reverse("admin:board_boardmeeting_change", args=[board_meeting.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "1",
            "entries-MIN_NUM_FORMS": "0",
            "entries-MAX_NUM_FORMS": "1000",
            "entries-0-id": entry.pk,
            "entries-0-meeting": board_meeting.pk,
            "entries-0-staff_notes": "Verificata la copertura di bilancio",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert entry.staff_notes == "Verificata la copertura di bilancio"
    assert entry.discussion_summary == "Dal CdA"  # read-only in the admin
    assert staff_client.get(reverse("admin:board_boardmeeting_add")).status_code == 403
    assert staff_client.get(reverse("admin:board_reportrun_changelist")).status_code == 200


def test_board_members_without_staff_rights_do_not_reach_the_admin(board_client):
    response = board_client.get(reverse("admin:board_boardmeeting_changelist"))
    assert response.status_code == 302


def test_demo_data_has_a_held_and_a_planned_board_meeting(client):
    from django.core.management import call_command

    from coopportal.accounts.seed import DEMO_PASSWORD

    call_command("seed_demo")
    call_command("seed_demo")
    held = BoardMeeting.objects.get(status=BoardMeeting.Status.HELD)
    planned = BoardMeeting.objects.get(status=BoardMeeting.Status.PLANNED)
    assert held.entries.exclude(decision="").count() == 2
    assert planned.entries.count() >= 1
    client.login(email="cda@demo.coop", password=DEMO_PASSWORD)
    # the demo board member has no authenticator app yet: the board area asks for one first
    assert reverse("mfa_activate_totp") in client.get(reverse("board:index")).url
    enrol_totp(User.objects.get(email="cda@demo.coop"))
    assert client.get(reverse("board:meeting_detail", args=[held.pk])).status_code == 200
    assert client.get(reverse("board:meeting_pack", args=[planned.pk])).status_code == 200


def test_meeting_page_offers_a_few_recommendations_and_a_search(board_client):
    board_meeting = meeting()
    old = recommendation(title="Un orto condiviso per la sede")
    old.forwarded_at = timezone.now() - timedelta(days=400)
    old.save(update_fields=["forwarded_at"])
    for _ in range(AGENDA_CHOICES + 3):
        recommendation()
    url = reverse("board:meeting_detail", args=[board_meeting.pk])
    offered = [
        pk for pk, _label in board_client.get(url).context["add_form"].fields["proposal"].choices
    ]
    assert len(offered) == AGENDA_CHOICES
    assert old.pk not in offered
    found = board_client.get(url, {"q": "orto"}).context["add_form"].fields["proposal"].choices
    assert [pk for pk, _label in found] == [old.pk]
    board_client.post(reverse("board:agenda_add", args=[board_meeting.pk]), {"proposal": old.pk})
    assert AgendaEntry.objects.filter(meeting=board_meeting, proposal=old).exists()


def test_oversized_summary_and_cancel_reason_are_refused_and_write_nothing(board_client):
    board_meeting = meeting()
    entry = entry_on(board_meeting, discussion_summary="Prima")
    response = board_client.post(
        reverse("board:agenda_summary", args=[board_meeting.pk, entry.pk]),
        {f"s{entry.pk}-discussion_summary": "x" * 10001},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    response = board_client.post(
        reverse("board:meeting_cancel", args=[board_meeting.pk]),
        {"reason": "x" * 2001, "confirm": "yes"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    entry.refresh_from_db()
    board_meeting.refresh_from_db()
    assert entry.discussion_summary == "Prima"
    assert board_meeting.status == BoardMeeting.Status.PLANNED
