"""Who sees what in the toolbox, and what guessed addresses give: visitors see only the published
resources open to everyone; members also those for members; a suggestion is seen by whoever made
it and by staff; only staff publish."""

import pytest
from django.urls import reverse

from community.toolbox.models import ResourceStatus
from community.toolbox.permissions import can_moderate_resources, can_view_resource
from community.toolbox.services import resource_publish
from coopportal.core.exceptions import DomainError
from tests.factories import UserFactory

from .factories import resource_make

pytestmark = pytest.mark.django_db

LIST = reverse("community:toolbox_list")


def _detail(resource):
    return resource.get_absolute_url()


def test_visitor_sees_only_public_published_resources(client):
    public = resource_make(title="Guida pubblica")
    members = resource_make(title="Guida per i soci", audience="members")
    waiting = resource_make(title="Proposta in attesa", status=ResourceStatus.SUGGESTED)
    page = client.get(LIST).content.decode()
    assert "Guida pubblica" in page
    assert "Guida per i soci" not in page
    assert "Proposta in attesa" not in page
    assert client.get(_detail(public)).status_code == 200
    assert client.get(_detail(members)).status_code == 404
    assert client.get(_detail(waiting)).status_code == 404
    assert client.get(reverse("community:toolbox_open", args=[members.pk])).status_code == 404


def test_participant_is_treated_like_a_visitor_for_members_only_resources(participant_client):
    members = resource_make(title="Guida per i soci", audience="members")
    assert "Guida per i soci" not in participant_client.get(LIST).content.decode()
    assert participant_client.get(_detail(members)).status_code == 404


def test_member_sees_members_only_resources(member_client):
    members = resource_make(title="Guida per i soci", audience="members")
    assert "Guida per i soci" in member_client.get(LIST).content.decode()
    assert member_client.get(_detail(members)).status_code == 200


def test_a_suggestion_of_another_member_is_a_404(client, member):
    other = UserFactory(member=True)
    theirs = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=other)
    rejected = resource_make(status=ResourceStatus.REJECTED, suggested_by=other)
    client.force_login(member)
    assert client.get(_detail(theirs)).status_code == 404
    assert client.get(_detail(rejected)).status_code == 404
    assert client.get(reverse("community:toolbox_open", args=[theirs.pk])).status_code == 404
    client.force_login(other)
    assert client.get(_detail(theirs)).status_code == 200
    page = client.get(_detail(rejected)).content.decode()
    assert "Fuori tema." in page  # the suggester reads the reason


def test_staff_see_suggestions(staff_client):
    waiting = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=UserFactory(member=True))
    assert staff_client.get(_detail(waiting)).status_code == 200


def test_missing_and_archived_resources_are_404(client, member):
    archived = resource_make(status=ResourceStatus.ARCHIVED)
    client.force_login(member)
    assert client.get(_detail(archived)).status_code == 404
    assert client.get(reverse("community:toolbox_detail", args=[999999, "x"])).status_code == 404


def test_a_wrong_slug_redirects_to_the_right_address(client):
    resource = resource_make(title="Guida alla firma digitale")
    response = client.get(reverse("community:toolbox_detail", args=[resource.pk, "altro"]))
    assert response.status_code == 301
    assert response["Location"] == _detail(resource)


def test_only_staff_publish(member, staff, board):
    resource = resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member)
    for person in (member, board, UserFactory()):
        assert not can_moderate_resources(person)
        with pytest.raises(DomainError):
            resource_publish(resource=resource, by=person)
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.SUGGESTED
    assert can_moderate_resources(staff)
    resource_publish(resource=resource, by=staff)
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED


def test_suggest_page_is_for_members(client, participant, member):
    url = reverse("community:toolbox_suggest")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(participant)
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_bookmarks_and_suggestions_pages_are_for_members(client, participant):
    for name in ("community:toolbox_bookmarks", "community:toolbox_suggestions"):
        assert client.get(reverse(name)).status_code == 302
    client.force_login(participant)
    for name in ("community:toolbox_bookmarks", "community:toolbox_suggestions"):
        assert client.get(reverse(name)).status_code == 403


def test_view_predicate_matches_the_list(member):
    """What the list shows a person is what can_view_resource admits."""
    resources = [
        resource_make(),
        resource_make(audience="members"),
        resource_make(status=ResourceStatus.SUGGESTED, suggested_by=member),
        resource_make(status=ResourceStatus.ARCHIVED),
    ]
    from community.toolbox.selectors import resource_list

    for person in (None, UserFactory(), member):
        from django.contrib.auth.models import AnonymousUser

        user = person or AnonymousUser()
        _filterset, listed = resource_list(params=None, user=user)
        shown = {r.pk for r in listed}
        for resource in resources:
            if resource.pk in shown:
                assert can_view_resource(user, resource)
        assert resources[0].pk in shown
        assert (resources[1].pk in shown) == bool(person is member)
        assert resources[2].pk not in shown and resources[3].pk not in shown
