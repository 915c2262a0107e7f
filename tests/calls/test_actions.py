"""Calls to action: answers, progress, who sees whom, and the group they become."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from calls.models import ActionResponse, CallToAction
from calls.services import actions as services
from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from workgroups.models import GroupMembership, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    return CallToAction.objects.create(
        title="Rigenerare l'ex mercato",
        slug="ex-mercato",
        theme="Rigenerazione urbana",
        body="Cerchiamo **soci** per un progetto di comunità.",
        deadline_at=timezone.now() + timedelta(days=10),
        target=4,
    )


def _close(action):
    CallToAction.objects.filter(pk=action.pk).update(
        deadline_at=timezone.now() - timedelta(minutes=1)
    )
    action.refresh_from_db()


def test_members_answer_once_and_the_progress_moves(action, member, participant):
    with pytest.raises(DomainError):
        services.action_respond(action=action, by=participant, contribution="Io")
    with pytest.raises(DomainError):
        services.action_respond(action=action, by=member, contribution="   ")
    services.action_respond(action=action, by=member, contribution="Un furgone e due braccia")
    with pytest.raises(DomainError) as again:
        services.action_respond(action=action, by=member, contribution="Ancora")
    assert again.value.code == "already"
    action.refresh_from_db()
    assert action.responses_count == 1 and action.progress == 25
    services.action_response_withdraw(action=action, by=member)
    action.refresh_from_db()
    assert action.responses_count == 0


def test_a_closed_call_to_action_takes_no_answer(action, member):
    _close(action)
    with pytest.raises(DomainError) as closed:
        services.action_respond(action=action, by=member, contribution="Tardi")
    assert closed.value.code == "closed"


def test_only_respondents_who_agree_see_each_other(client, action):
    sharing, shy, also_sharing = UserFactory.create_batch(3, member=True)
    services.action_respond(
        action=action, by=sharing, contribution="Competenze legali", share_with_others=True
    )
    services.action_respond(action=action, by=shy, contribution="Tempo libero segreto")
    services.action_respond(
        action=action, by=also_sharing, contribution="Un locale", share_with_others=True
    )
    url = action.get_absolute_url()
    client.force_login(sharing)
    page = client.get(url).content.decode()
    assert "Un locale" in page and "Tempo libero segreto" not in page
    client.force_login(shy)
    page = client.get(url).content.decode()
    assert "Un locale" not in page and "Competenze legali" not in page
    client.logout()
    page = client.get(url).content.decode()
    assert "Un locale" not in page and 'value="3" max="4"' in page


def test_the_answer_form_refuses_bad_input(client, action, member):
    client.force_login(member)
    response = client.post(action.get_absolute_url(), {"contribution": ""})
    assert response.status_code == 400
    response = client.post(action.get_absolute_url(), {"contribution": "x" * 4000})
    assert response.status_code == 400
    assert not ActionResponse.objects.exists()
    assert client.get(reverse("calls:action_detail", args=["nessuno"])).status_code == 404


def test_staff_turn_the_respondents_into_a_group_once(action, staff):
    people = UserFactory.create_batch(3, member=True)
    for person in people:
        services.action_respond(action=action, by=person, contribution="Ci sono")
    with pytest.raises(DomainError) as still_open:
        services.action_to_group(action=action, by=staff)
    assert still_open.value.code == "open"
    _close(action)
    with pytest.raises(DomainError):
        services.action_to_group(action=action, by=people[0])
    services.action_to_group(action=action, by=staff)
    group = WorkingGroup.objects.get(name="Rigenerare l'ex mercato")
    members = set(
        GroupMembership.objects.filter(group=group, status="active").values_list(
            "user_id", flat=True
        )
    )
    assert members == {p.pk for p in people}
    assert group.members_count == 3
    told = Notification.objects.filter(kind="calls.action_converted")
    assert set(told.values_list("recipient_id", flat=True)) == members
    action.refresh_from_db()
    assert action.outcome_url == group.get_absolute_url()
    with pytest.raises(DomainError) as twice:
        services.action_to_group(action=action, by=staff)
    assert twice.value.code == "already"


def test_the_list_and_detail_pages_stay_flat(client, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            a = CallToAction.objects.create(
                title="Invito",
                slug=f"invito-{CallToAction.objects.count()}",
                theme="T",
                body="b",
                deadline_at=timezone.now() + timedelta(days=3),
                target=10,
            )
            for person in UserFactory.create_batch(2, member=True):
                services.action_respond(
                    action=a, by=person, contribution="x", share_with_others=True
                )

    def fetch():
        assert client.get(reverse("calls:action_list")).status_code == 200

    assert_flat_queries.check(fetch, grow)


def test_the_detail_page_stays_flat_for_a_respondent(client, action, member, assert_flat_queries):
    services.action_respond(action=action, by=member, contribution="Io", share_with_others=True)
    client.force_login(member)

    def grow(n):
        for person in UserFactory.create_batch(n, member=True):
            services.action_respond(
                action=action, by=person, contribution="x", share_with_others=True
            )

    def fetch():
        assert client.get(action.get_absolute_url()).status_code == 200

    assert_flat_queries.check(fetch, grow)
