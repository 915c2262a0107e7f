"""The dashboard's training panel: my next session, the seats offered to me with the deadline to
confirm them (also under "For you"), my places on waiting lists; flat queries."""

import pytest
from django.urls import reverse

from tests.training.factories_admin import fill, make_course
from training.services import enrolment as service

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("core:dashboard")


def test_the_panel_shows_my_next_session_my_offer_and_my_waiting_place(member_client, member):
    mine = make_course("Il mio corso", days=3)
    service.enrol(course=mine, by=member)
    full = make_course("Corso pieno", capacity=1, days=10)
    fill(full)
    service.enrol(course=full, by=member)  # waiting
    other_full = make_course("Altro corso pieno", capacity=1, days=12)
    (holder,) = fill(other_full)
    service.enrol(course=other_full, by=member)
    service.cancel(course=other_full, by=holder.user)  # the seat is offered to the member
    response = member_client.get(DASHBOARD)
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if "offers" in p)
    assert panel["next_session"].course == mine
    assert [seat.course for seat in panel["offers"]] == [other_full]
    assert [seat.course for seat in panel["waiting"]] == [full]
    html = response.content.decode()
    assert "Il mio corso" in html and "Altro corso pieno" in html and "Corso pieno" in html
    items = [item for section in response.context["waiting"] for item in section["items"]]
    offered = [item for item in items if item.entries and "Altro corso pieno" in item.entries[0][0]]
    assert offered and offered[0].count == 1


def test_someone_with_no_course_sees_an_empty_panel(participant_client):
    response = participant_client.get(DASHBOARD)
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if "offers" in p)
    assert panel["next_session"] is None and not panel["offers"] and not panel["waiting"]


def test_the_dashboard_makes_flat_queries(member_client, member, assert_flat_queries):
    def grow(n):
        for _index in range(n):
            course = make_course(capacity=1)
            (holder,) = fill(course)
            service.enrol(course=course, by=member)
            service.cancel(course=course, by=holder.user)

    assert_flat_queries.check(lambda: member_client.get(DASHBOARD), grow, few=2, many=8)
