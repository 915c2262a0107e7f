"""The directory's facet counts are cached per search, filters and language for viewers with no
block; every profile write bumps their version, so new, edited and hidden profiles count at once."""

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
