"""Dates people enter are at most two years ahead (issue 9, item 11): each form refuses the year
9999 with the shared message and writes nothing, and accepts a date 23 months ahead; the services
that write the dates refuse them too."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from board.models import AgendaEntry, BoardMeeting, ReportRun
from board.services import meetings as board_services
from coopportal.accounts.models import Province
from coopportal.core.dates import latest_allowed, validate_not_too_far
from coopportal.core.exceptions import DomainError
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Meeting
from workgroups.services import meetings as meeting_services

pytestmark = pytest.mark.django_db

MESSAGE = "Scegli una data entro due anni da oggi."  # what people read: Italian first
# services and validators outside a request speak the active language (English in the tests)
IN_ANY_LANGUAGE = (
    "(Scegli una data entro due anni da oggi|Choose a date within two years from today)"
)
FAR = "9999-06-01T10:00"


def in_23_months():
    return timezone.localtime() + timedelta(days=700)


def local(dt):
    return dt.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def errors_of(response, form="form"):
    return " ".join(str(e) for errors in response.context[form].errors.values() for e in errors)


def test_validator_bounds():
    today = timezone.localdate()
    validate_not_too_far(latest_allowed())
    validate_not_too_far(today + timedelta(days=700))
    with pytest.raises(Exception, match=IN_ANY_LANGUAGE):
        validate_not_too_far(latest_allowed() + timedelta(days=1))
    assert latest_allowed(date(2024, 2, 29)) == date(2026, 2, 28)


# Working-group meetings -------------------------------------------------------------------------


@pytest.fixture
def group():
    return WorkingGroupFactory()


def meeting_data(starts_at, **overrides):
    return {
        "title": "Incontro",
        "starts_at": starts_at,
        "ends_at": starts_at.replace("T10:", "T12:") if "T10:" in starts_at else starts_at,
        "place": "Sala civica",
        **overrides,
    }


@pytest.mark.parametrize("page", ["meeting_create", "meeting_propose"])
def test_group_meeting_forms_refuse_the_year_9999(client, group, page):
    client.force_login(MembershipFactory(group=group, coordinator=True).user)
    data = meeting_data(FAR, province=Province.objects.first().pk)
    response = client.post(reverse(f"workgroups:{page}", args=[group.slug]), data)
    assert response.status_code in (200, 400)
    assert MESSAGE in errors_of(response)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("page", ["meeting_create", "meeting_propose"])
def test_group_meeting_forms_accept_23_months_ahead(client, group, page):
    client.force_login(MembershipFactory(group=group, coordinator=True).user)
    start = in_23_months().replace(hour=10, minute=0)
    data = {
        **meeting_data(local(start)),
        "ends_at": local(start + timedelta(hours=2)),
        "province": Province.objects.first().pk,
    }
    response = client.post(reverse(f"workgroups:{page}", args=[group.slug]), data)
    assert response.status_code == 302
    assert Meeting.objects.count() == 1


def test_meeting_service_refuses_the_year_9999(group):
    coordinator = MembershipFactory(group=group, coordinator=True).user
    far = timezone.now().replace(year=9999)
    with pytest.raises(DomainError, match=IN_ANY_LANGUAGE):
        meeting_services.meeting_schedule(
            group=group,
            by=coordinator,
            title="Incontro",
            description="",
            starts_at=far,
            ends_at=far + timedelta(hours=2),
            place="Sala",
            online_url="",
            capacity=None,
            agenda="",
        )
    assert not Meeting.objects.exists()


# Board meetings and decisions -------------------------------------------------------------------


def test_board_meeting_form_refuses_9999_and_accepts_23_months(board_client):
    url = reverse("board:meeting_create")
    response = board_client.post(url, {"title": "CdA", "starts_at": FAR})
    assert response.status_code in (200, 400)
    assert MESSAGE in errors_of(response)
    assert not BoardMeeting.objects.exists()
    response = board_client.post(url, {"title": "CdA", "starts_at": local(in_23_months())})
    assert response.status_code == 302
    assert BoardMeeting.objects.count() == 1


def test_board_meeting_edit_refuses_9999(board_client, board):
    planned = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=7), created_by=board
    )
    before = planned.starts_at
    response = board_client.post(
        reverse("board:meeting_update", args=[planned.pk]), {"title": "CdA", "starts_at": FAR}
    )
    assert response.status_code in (200, 400)
    assert MESSAGE in errors_of(response)
    planned.refresh_from_db()
    assert planned.starts_at == before


def test_board_services_refuse_9999(board):
    far = timezone.now().replace(year=9999)
    with pytest.raises(DomainError, match=IN_ANY_LANGUAGE):
        board_services.meeting_create(by=board, title="CdA", starts_at=far)
    assert not BoardMeeting.objects.exists()


@pytest.fixture
def decided_entry(board):
    held = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() - timedelta(hours=1), created_by=board
    )
    return AgendaEntry.objects.create(meeting=held, proposal=ProposalFactory(forwarded=True))


def decide(board_client, entry, follow_up):
    return board_client.post(
        reverse("board:agenda_decision", args=[entry.meeting_id, entry.pk]),
        {f"d{entry.pk}-decision": "Sportello", f"d{entry.pk}-follow_up_on": follow_up},
        follow=True,
    )


def test_follow_up_date_refuses_9999_and_accepts_23_months(board_client, decided_entry, board):
    response = decide(board_client, decided_entry, "9999-06-01")
    assert MESSAGE in " ".join(str(m) for m in response.context["messages"])
    decided_entry.refresh_from_db()
    assert (decided_entry.decision, decided_entry.follow_up_on) == ("", None)
    with pytest.raises(DomainError, match=IN_ANY_LANGUAGE):
        board_services.agenda_decide(
            entry=decided_entry, by=board, decision="x", follow_up_on=date(9999, 6, 1)
        )
    soon = timezone.localdate() + timedelta(days=700)
    decide(board_client, decided_entry, soon.isoformat())
    decided_entry.refresh_from_db()
    assert decided_entry.follow_up_on == soon


# The board's filters and periods ----------------------------------------------------------------


def test_recommendation_filter_refuses_9999(board_client):
    response = board_client.get(reverse("board:index"), {"forwarded_after": "9999-06-01"})
    assert response.status_code == 200
    assert MESSAGE in str(response.context["filter"].form.errors)
    soon = (timezone.localdate() + timedelta(days=700)).isoformat()
    response = board_client.get(reverse("board:index"), {"forwarded_before": soon})
    assert not response.context["filter"].form.errors


def test_figures_period_refuses_9999(board_client):
    response = board_client.get(
        reverse("board:figures"), {"start": "2025-01-01", "end": "9999-06-01"}
    )
    assert response.status_code == 200
    assert MESSAGE in errors_of(response)


def test_assembly_report_form_refuses_9999(board_client):
    response = board_client.post(
        reverse("board:report_create"), {"start": "2025-01-01", "end": "9999-06-01"}
    )
    assert response.status_code in (200, 400)
    assert MESSAGE in errors_of(response)
    assert not ReportRun.objects.filter(kind="assembly").exists()


def test_staff_meeting_admin_refuses_9999(rf, staff):
    from django.contrib import admin
    from django.core.exceptions import ValidationError

    request = rf.get("/")
    request.user = staff
    form_class = admin.site._registry[Meeting].get_form(request, None)
    for name in ("starts_at", "ends_at"):
        with pytest.raises(ValidationError, match=IN_ANY_LANGUAGE):
            form_class.base_fields[name].clean(["9999-06-01", "10:00"])
        assert form_class.base_fields[name].clean([local(in_23_months())[:10], "10:00"])
