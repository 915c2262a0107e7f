"""The toolbox's board figures (suggestions received and published, opens, most used resources),
the counter of opens (one statement per open), the staff's waiting list and the active people."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.toolbox import board_figures, dashboard, services
from community.toolbox.models import ResourceOpenDay, ResourceStatus
from coopportal.core.figures import Figure, Period, Ranking
from tests.helpers.queries import count_queries

from .factories import resource_make

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return Period(today - timedelta(days=30), today)


def _numbers(items):
    return {item.key: item.value for item in items if isinstance(item, Figure)}


def test_opening_counts_one_per_open_in_one_statement(client):
    resource = resource_make(url="https://example.org/guida")
    url = reverse("community:toolbox_open", args=[resource.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "https://example.org/guida"
    assert count_queries(lambda: services.resource_opened(resource=resource)) == 1
    client.get(url)
    assert ResourceOpenDay.objects.get(resource=resource).opens == 3


def test_a_file_is_served_as_an_attachment_with_a_safe_name(client):
    resource = resource_make(upload=('guida "strana";.pdf', b"%PDF-1.4 test"))
    response = client.get(reverse("community:toolbox_open", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert '"strana"' not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_opening_a_suggestion_is_not_counted(member_client, member):
    own = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    assert member_client.get(reverse("community:toolbox_open", args=[own.pk])).status_code == 302
    assert not ResourceOpenDay.objects.exists()


def test_figures(member, staff):
    most = resource_make(title="La più usata")
    other = resource_make(title="Meno usata")
    today = timezone.localdate()
    services.resource_opened(resource=most)
    services.resource_opened(resource=most)
    services.resource_opened(resource=other)
    services.resource_opened(resource=other, day=today - timedelta(days=90))  # outside
    waiting = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    accepted = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    services.resource_publish(resource=accepted, by=staff)
    items = board_figures.figures(_period())
    numbers = _numbers(items)
    assert numbers["toolbox_resources"] == 3
    assert numbers["toolbox_suggestions_received"] == 2
    assert numbers["toolbox_suggestions_published"] == 1
    assert numbers["toolbox_opens"] == 3
    ranking = next(item for item in items if isinstance(item, Ranking))
    assert ranking.rows == [("La più usata", 2), ("Meno usata", 1)]
    assert waiting.status == ResourceStatus.SUGGESTED


def test_figures_are_a_constant_number_of_queries(member):
    def grow(n):
        for i in range(n):
            resource = resource_make(suggested_by=member)
            services.resource_opened(resource=resource)

    grow(2)
    few = count_queries(lambda: board_figures.figures(_period()))
    grow(15)
    assert count_queries(lambda: board_figures.figures(_period())) == few


def test_figures_of_an_empty_period():
    items = board_figures.figures(Period(date(2020, 1, 1), date(2020, 1, 31)))
    assert set(_numbers(items).values()) == {0}


def test_active_people(member):
    resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    period = _period()
    people = set()
    for queryset in board_figures.active_people(period.since, period.until):
        people |= set(queryset)
    assert people == {member.pk}


def test_staff_see_the_suggestions_waiting(staff, member):
    resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    resource_make(status=ResourceStatus.REJECTED, suggested_by=member)
    [item] = dashboard.waiting(staff)
    assert item.count == 2 and "status__exact=suggested" in item.url
    assert dashboard.waiting(member) == []
