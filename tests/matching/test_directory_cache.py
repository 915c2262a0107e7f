"""The directory's facet counts are cached per search, filters and language for viewers with no
block, and a search's order (the ids of its best matches) likewise; every profile write bumps
their version, so new, edited and hidden profiles count at once, and the profiles of a page are
read at each request, so that one hidden or blocked since is never shown."""

import pytest
from django.urls import reverse

from matching.models import Block
from matching.services.profiles import profile_hide
from tests.factories import staff_user
from tests.helpers.queries import count_queries
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db
URL = reverse("matching:directory")


def facets(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.context["page"]
    return {"total": page.paginator.count, "shown": len(page.object_list)}


def test_a_second_look_reads_the_counts_from_the_cache(member_client):
    profile_make(sectors=["J"], province="MI")
    first = count_queries(lambda: member_client.get(URL + "?kind=person"))
    again = count_queries(lambda: member_client.get(URL + "?kind=person"))
    assert again == first - 2  # the two grouped facet queries
    # another filter is another entry
    other = count_queries(lambda: member_client.get(URL + "?kind=enterprise"))
    assert count_queries(lambda: member_client.get(URL + "?kind=enterprise")) == other - 2


def test_a_new_or_hidden_profile_counts_at_once(member_client):
    profile_make(sectors=["J"], province="MI")
    assert facets(member_client)["total"] == 1
    hidden = profile_make(sectors=["J"], province="RM")
    assert facets(member_client)["total"] == 2
    profile_hide(profile=hidden, reason="Spam", by=staff_user())
    assert facets(member_client)["total"] == 1


def test_people_with_a_block_get_their_own_counts(client, member_client):
    viewer = profile_make()
    other = profile_make(sectors=["J"])
    profile_make(sectors=["J"])
    assert facets(member_client)["total"] == 3  # everyone's counts, cached
    Block.objects.create(blocker=viewer.user, blocked=other.user)
    client.force_login(viewer.user)
    assert facets(client)["total"] == 2  # themself and the third, not the person blocked
    client.force_login(other.user)
    assert facets(client)["total"] == 2
    assert facets(member_client)["total"] == 3


def names(client, query):
    response = client.get(URL + query)
    assert response.status_code == 200
    return [profile.display_name for profile in response.context["page"].object_list]


def test_a_search_order_is_cached_and_its_profiles_read_at_each_request(member_client):
    from matching.models import Profile
    from matching.selectors.directory import facets_changed

    first = profile_make(skills=["Contabilità"])
    second = profile_make(skills=["Contabilità"])
    shown = names(member_client, "?q=contabilita")
    assert sorted(shown) == sorted([first.display_name, second.display_name])
    # written behind the services' back: the cached order does not know it
    Profile.objects.filter(pk=second.pk).update(display_name="Nome Cambiato")
    assert "Nome Cambiato" in names(member_client, "?q=contabilita")  # read now, by id
    Profile.objects.filter(pk=second.pk).update(hidden_at=first.created_at)
    assert names(member_client, "?q=contabilita") == [first.display_name]  # hidden: left out
    third = profile_make(skills=["Contabilità"])
    # profile_make writes through the services, which bump the version: the new one is found
    assert third.display_name in names(member_client, "?q=contabilita")
    facets_changed()
    assert len(names(member_client, "?q=contabilita")) == 2


def test_a_search_order_is_not_shared_with_people_who_block(client, member_client):
    viewer = profile_make(skills=["Contabilità"])
    other = profile_make(skills=["Contabilità"])
    assert len(names(member_client, "?q=contabilita")) == 2
    Block.objects.create(blocker=viewer.user, blocked=other.user)
    client.force_login(viewer.user)
    assert names(client, "?q=contabilita") == [viewer.display_name]
