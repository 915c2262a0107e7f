import pytest
from django.test import Client
from django.urls import reverse

from coopportal.notifications import services
from coopportal.notifications.emails import unsubscribe_token
from coopportal.notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory
from tests.notifications.conftest import ROUTINE, URGENT

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def give(user, n, kind=ROUTINE):
    for i in range(n):
        services.notify(kind.name, [user], context={"n": i, "name": "X"}, url="/calls/")


@pytest.mark.parametrize(
    "url",
    [LIST, reverse("notifications:preferences"), reverse("notifications:open", args=[1])],
)
def test_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_bell_shows_the_unread_count(member_client, member):
    give(member, 3)
    html = member_client.get("/").content.decode()
    assert 'data-unread="3"' in html
    assert "Notifiche: 3 non lette" in html


def test_list_is_paginated_newest_first(member_client, member):
    give(member, 25)
    first = member_client.get(LIST)
    assert [n.context["n"] for n in first.context["page"].object_list][:2] == [24, 23]
    assert len(first.context["page"].object_list) == 20
    second = member_client.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert member_client.get(LIST, {"page": "zzz"}).status_code == 200


def test_list_shows_only_my_notifications(member_client, member, participant):
    give(participant, 2)
    assert member_client.get(LIST).context["page"].paginator.count == 0


@pytest.mark.parametrize("path", [LIST, "/"])
def test_bell_and_list_query_count_do_not_grow_with_notifications(
    member_client, member, path, assert_flat_queries
):
    assert_flat_queries.check(
        lambda: member_client.get(path), lambda n: give(member, n), few=2, many=60
    )


def test_open_marks_read_and_goes_to_the_target(member_client, member):
    give(member, 1)
    notification = Notification.objects.get()
    response = member_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == "/calls/"
    assert Notification.objects.get().is_read


def test_someone_elses_notification_is_a_404_by_any_url(member_client, participant):
    give(participant, 1)
    other = Notification.objects.get()
    assert member_client.get(reverse("notifications:open", args=[other.pk])).status_code == 404
    assert (
        member_client.post(reverse("notifications:mark_read", args=[other.pk])).status_code == 404
    )
    assert not Notification.objects.get().is_read


def test_open_never_redirects_off_site(member_client, member):
    services.notify(URGENT.name, [member], context={"name": "X"}, url="https://evil.example/")
    notification = Notification.objects.get()
    response = member_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == LIST


def test_mark_read_with_htmx_returns_the_row(member_client, member):
    give(member, 1)
    notification = Notification.objects.get()
    response = member_client.post(
        reverse("notifications:mark_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in response.content.decode()
    assert "Segna come letta" not in response.content.decode()
    assert Notification.objects.get().is_read


def test_mark_read_needs_post(member_client, member):
    give(member, 1)
    notification = Notification.objects.get()
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert member_client.get(url).status_code == 405


def test_mark_all_read(member_client, member, participant):
    give(member, 3)
    give(participant, 1)
    response = member_client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert member.notifications.filter(read_at__isnull=True).count() == 0
    assert participant.notifications.filter(read_at__isnull=True).count() == 1


def test_preferences_page_saves_choices(member_client, member):
    url = reverse("notifications:preferences")
    form = member_client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data[ROUTINE.name] = "immediate"
    response = member_client.post(url, data)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member).kind == ROUTINE.name


def test_preferences_bad_input_writes_nothing(member_client, member):
    url = reverse("notifications:preferences")
    response = member_client.post(url, {ROUTINE.name: "<script>x</script>"})
    assert response.status_code == 400
    assert response.context["form"].errors[ROUTINE.name]
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_link_works_without_login_and_asks_first(member):
    client = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member.pk, ROUTINE.name)])
    page = client.get(url)
    assert page.status_code == 200
    assert not NotificationPreference.objects.exists()  # a link prefetcher changes nothing
    done = client.post(url)
    assert done.status_code == 200
    assert NotificationPreference.objects.get(user=member, kind=ROUTINE.name).channel == "off"


def test_one_click_unsubscribe_rfc8058(member):
    client = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member.pk, "*")])
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=member, channel="off").count() >= 2


@pytest.mark.parametrize(
    "token_for",
    [
        lambda user: unsubscribe_token(user.pk, ROUTINE.name)[:-3] + "abc",  # tampered
        lambda user: unsubscribe_token(user.pk, ROUTINE.name).replace(":", "-"),
        lambda user: "nonsense",
        lambda user: unsubscribe_token(user.pk, "tests.not_a_kind"),
        lambda user: unsubscribe_token(999_999, ROUTINE.name),
    ],
)
def test_unsubscribe_cannot_be_forged(client, member, token_for):
    url = reverse("notifications:unsubscribe", args=[token_for(member)])
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_a_token_signed_with_another_key_is_refused(client, member, settings):
    token = unsubscribe_token(member.pk, ROUTINE.name)
    settings.SECRET_KEY = "another-secret-key-entirely-different-0123456789"
    forged = unsubscribe_token(member.pk, ROUTINE.name)
    settings.SECRET_KEY = "test-secret-key-not-for-production"
    assert token != forged
    url = reverse("notifications:unsubscribe", args=[forged])
    assert client.post(url).status_code == 400


def test_inactive_people_are_not_notified(member):
    gone = UserFactory(is_active=False)
    assert services.notify(ROUTINE.name, [gone]) == 0


def test_staff_only_kinds_are_offered_to_staff_only(member_client, staff_client):
    url = reverse("notifications:preferences")
    assert "accounts.membership_requested" not in member_client.get(url).context["form"].fields
    assert "accounts.membership_requested" in staff_client.get(url).context["form"].fields
