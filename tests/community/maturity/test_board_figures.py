"""The self-assessment's board figures: assessments and cooperatives of the period (Rome time),
the chart by month adding up to them, the people active; participation only, never a score;
found by the board's figures page."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from community.maturity import board_figures
from coopportal.core.figures import Chart, Figure, Period
from tests.factories import UserFactory, board_user

from .conftest import at, submit

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def data():
    """Anna twice in 2025 (January in Rome, though December in UTC, and June), Bruno once in
    March, Carla in 2024 and in 2026 (outside)."""
    anna, bruno, carla = (UserFactory(member=True) for _ in range(3))
    submit(anna, when=at(2025, 1, 1, 0))
    submit(anna, when=at(2025, 6, 10))
    submit(bruno, when=at(2025, 3, 5))
    submit(carla, when=at(2024, 12, 31, 23))
    submit(carla, when=at(2026, 1, 1, 0))
    return anna, bruno, carla


def offered(period):
    with translation.override("en"):
        return {item.key: item for item in board_figures.figures(period)}


def test_the_figures_of_the_year(data):
    items = offered(YEAR)
    assert items["maturity_assessments"].value == 3
    assert items["maturity_cooperatives"].value == 2
    chart = items["maturity_assessments_by_month"]
    assert isinstance(chart, Chart)
    assert chart.series[0].values == [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert all(isinstance(item, Figure | Chart) for item in items.values())
    assert not any("score" in key for key in items)  # participation only


def test_the_people_active(data):
    anna, bruno, _carla = data
    (people,) = board_figures.active_people(YEAR.since, YEAR.until)
    assert sorted(set(people)) == sorted([anna.pk, bruno.pk])


def test_the_board_figures_page_shows_them(data):
    cache.clear()
    client = Client()
    client.force_login(board_user(language="en"))
    response = client.get(reverse("board:figures"), {"start": "2025-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    numbers = response.context["figures"]["numbers"]
    assert numbers["maturity_assessments"] == 3
    assert numbers["maturity_cooperatives"] == 2
    assert "Digital maturity self-assessments by month" in response.content.decode()
