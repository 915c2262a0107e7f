"""The events' part of the dashboard: the person's events to come with the requests waiting for
them, and what waits (requests to answer, times to choose); a constant number of queries."""

import pytest
from django.test import RequestFactory

from community.events import dashboard
from community.events.services.requests import request_send
from tests.factories import UserFactory

from .factories import deadline_pass, meeting_make, registered

pytestmark = pytest.mark.django_db


def panel_for(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return dashboard.panel(request)


def test_no_panel_without_a_registration(event):
    assert panel_for(UserFactory(member=True)) is None


def test_the_panel_and_waiting_list_requests_and_times_to_choose(alice, bruno, event):
    carla = registered(event)
    request_send(requester=carla, recipient=alice, message="", by=carla.user)
    meeting_make(event, bruno, alice)  # alice accepted: the recipient chooses the time
    panel = panel_for(alice.user)
    assert panel["template"].endswith("_dashboard_panel.html")
    [row] = panel["registrations"]
    assert row.waiting == 1 and row.to_pick
    labels = [item.label for item in dashboard.waiting(alice.user)]
    assert len(labels) == 2
    assert [item.count for item in dashboard.waiting(bruno.user)] == []
    deadline_pass(event)
    assert [item.count for item in dashboard.waiting(alice.user)] == [1]  # the time still


def test_the_panel_query_count_is_flat(assert_flat_queries, alice, event):
    event.max_meetings_per_person = 100
    event.save(update_fields=["max_meetings_per_person"])

    def grow(n):
        for _ in range(n):
            other = registered(event)
            request_send(requester=other, recipient=alice, message="", by=other.user)

    assert_flat_queries.check(lambda: panel_for(alice.user), grow)
    assert_flat_queries.check(lambda: dashboard.waiting(alice.user), grow)
