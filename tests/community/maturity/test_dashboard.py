"""The dashboard: a member sees their latest result (or the way to start), a participant nothing
of the self-assessment."""

import pytest
from django.urls import reverse

from .conftest import submit

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def test_a_member_without_a_result_is_invited(member_client):
    page = member_client.get(DASHBOARD).content.decode()
    assert 'id="my-maturity-heading"' in page
    assert reverse("community:maturity_new") in page


def test_a_member_sees_their_latest_result(member, member_client):
    submit(member)
    latest = submit(member)
    page = member_client.get(DASHBOARD).content.decode()
    assert latest.get_absolute_url() in page


def test_a_participant_sees_nothing_of_it(participant_client):
    page = participant_client.get(DASHBOARD).content.decode()
    assert 'id="my-maturity-heading"' not in page
