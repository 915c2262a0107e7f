"""Bookmarks: a member keeps and drops a resource (a form or htmx); a double submit keeps one
row; "my bookmarks" lists them; only members, only resources they may open."""

import pytest
from django.urls import reverse

from community.toolbox import services
from community.toolbox.exceptions import ToolboxError
from community.toolbox.models import ResourceBookmark, ResourceStatus
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once

from .factories import resource_make

pytestmark = pytest.mark.django_db


def _url(resource):
    return reverse("community:toolbox_bookmark", args=[resource.pk])


def test_keep_and_drop_a_bookmark(member_client, member):
    resource = resource_make(title="Guida ai bandi")
    response = member_client.post(_url(resource), {"on": "1"})
    assert response.status_code == 302
    assert ResourceBookmark.objects.filter(user=member, resource=resource).count() == 1
    page = member_client.get(reverse("community:toolbox_bookmarks")).content.decode()
    assert "Guida ai bandi" in page
    member_client.post(_url(resource), {"on": "0"})
    assert not ResourceBookmark.objects.exists()
    page = member_client.get(reverse("community:toolbox_bookmarks")).content.decode()
    assert "Guida ai bandi" not in page


def test_a_double_submit_keeps_one_row(member_client, member):
    resource = resource_make()
    for _ in range(3):
        member_client.post(_url(resource), {"on": "1"})
    assert ResourceBookmark.objects.filter(user=member).count() == 1
    for _ in range(2):
        member_client.post(_url(resource), {"on": "0"})
    assert not ResourceBookmark.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_keep_one_row():
    member = UserFactory(member=True)
    resource = resource_make()
    keep = lambda: services.bookmark_set(resource=resource, by=member, on=True)  # noqa: E731
    assert run_at_once([keep, keep]) == ["ok", "ok"]
    assert ResourceBookmark.objects.filter(user=member, resource=resource).count() == 1


def test_htmx_gets_the_button_back(member_client, member):
    resource = resource_make()
    response = member_client.post(_url(resource), {"on": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="on" value="0"' in html and "<html" not in html


def test_the_redirect_stays_on_the_portal(member_client):
    resource = resource_make()
    response = member_client.post(_url(resource), {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == resource.get_absolute_url()
    response = member_client.post(_url(resource), {"on": "1", "next": "/community/toolbox/"})
    assert response["Location"] == "/community/toolbox/"
    # a "next" that is no URL is not taken for a view name to reverse (that was a 500)
    assert member_client.post(_url(resource), {"on": "0", "next": "2"}).status_code == 302


def test_only_members_bookmark_and_only_what_they_may_open(client, participant, member):
    resource = resource_make()
    client.force_login(participant)
    assert client.post(_url(resource), {"on": "1"}).status_code == 403
    hidden = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=UserFactory(member=True))
    client.force_login(member)
    assert client.post(_url(hidden), {"on": "1"}).status_code == 404
    own = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    with pytest.raises(ToolboxError):
        services.bookmark_set(resource=own, by=member, on=True)  # not published yet
    assert not ResourceBookmark.objects.exists()


def test_bookmarks_of_resources_no_longer_visible_are_not_listed(member_client, member):
    resource = resource_make(title="Guida archiviata")
    services.bookmark_set(resource=resource, by=member, on=True)
    resource.status = ResourceStatus.ARCHIVED
    resource.save(update_fields=["status"])
    page = member_client.get(reverse("community:toolbox_bookmarks")).content.decode()
    assert "Guida archiviata" not in page
