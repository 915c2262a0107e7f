"""Following calls and keeping searches."""

import pytest
from django.urls import reverse

from calls.models import CallFollow, FundingCall, SavedSearch
from calls.services import follows
from coopportal.core.exceptions import DomainError
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_follow_twice_counts_once_and_unfollow_undoes_it(member):
    call = FundingCallFactory()
    assert follows.call_follow(call=call, by=member) is True
    assert follows.call_follow(call=call, by=member) is False
    assert FundingCall.objects.get(pk=call.pk).followers_count == 1
    assert follows.call_unfollow(call=call, by=member) is True
    assert follows.call_unfollow(call=call, by=member) is False
    assert FundingCall.objects.get(pk=call.pk).followers_count == 0


def test_an_unpublished_call_cannot_be_followed(member):
    call = FundingCallFactory(is_published=False)
    with pytest.raises(DomainError) as refused:
        follows.call_follow(call=call, by=member)
    assert refused.value.code == "not_published"
    assert not CallFollow.objects.exists()


def test_follow_view_needs_post_and_login_and_hides_unpublished(client, member):
    call = FundingCallFactory()
    hidden = FundingCallFactory(is_published=False)
    url = reverse("calls:call_follow", args=[call.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert not CallFollow.objects.exists()
    client.force_login(member)
    assert client.get(url).status_code == 405
    assert client.post(reverse("calls:call_follow", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("calls:call_follow", args=[999999])).status_code == 404
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    assert CallFollow.objects.filter(user=member, call=call).exists()
    # a "next" that is no URL is not taken for a view name to reverse (that was a 500)
    assert client.post(url, {"next": "2"}).status_code == 302
    client.post(reverse("calls:call_unfollow", args=[call.pk]))
    assert not CallFollow.objects.exists()


def test_saved_search_is_kept_once_in_a_stable_form(member):
    kept = follows.saved_search_create(
        by=member, name="  Cultura   Lazio ", query="region=12&q=cultura&page=3"
    )
    assert kept.name == "Cultura Lazio"
    assert kept.query == "q=cultura&region=12"
    with pytest.raises(DomainError):
        follows.saved_search_create(by=member, name="Ancora", query="q=cultura&region=12&page=1")
    with pytest.raises(DomainError):
        follows.saved_search_create(by=member, name="   ", query="q=altro")
    assert SavedSearch.objects.count() == 1


def test_saved_searches_are_limited(member):
    for n in range(follows.MAX_SAVED_SEARCHES):
        follows.saved_search_create(by=member, name=f"R{n}", query=f"q=parola{n}")
    with pytest.raises(DomainError) as refused:
        follows.saved_search_create(by=member, name="Una di troppo", query="q=troppo")
    assert refused.value.code == "too_many"


def test_saved_search_views_keep_and_delete_only_ones_own(client, member):
    client.force_login(member)
    response = client.post(
        reverse("calls:saved_search_create"), {"name": "Bandi cultura", "query": "q=cultura"}
    )
    assert response.status_code == 302
    kept = SavedSearch.objects.get(user=member)
    # bad input: no name, a query too long; nothing is written
    client.post(reverse("calls:saved_search_create"), {"name": "", "query": "q=x"})
    client.post(reverse("calls:saved_search_create"), {"name": "Lunga", "query": "q=" + "x" * 3000})
    assert SavedSearch.objects.count() == 1
    other = UserFactory(member=True)
    client.force_login(other)
    assert client.post(reverse("calls:saved_search_delete", args=[kept.pk])).status_code == 404
    client.force_login(member)
    page = client.get(reverse("calls:my_follows"))
    assert "Bandi cultura" in page.content.decode()
    client.post(reverse("calls:saved_search_delete", args=[kept.pk]))
    assert not SavedSearch.objects.exists()


def test_follow_a_sector_and_a_region_from_my_page(client, member):
    client.force_login(member)
    url = reverse("calls:saved_search_create")
    client.post(url, {"sector": "R", "region": "12"})
    kept = SavedSearch.objects.get(user=member)
    assert kept.query == "region=12&sector=R"
    assert "Lazio" in kept.name
    client.post(url, {"sector": "ZZ"})  # no such sector: refused, nothing written
    client.post(url, {})
    assert SavedSearch.objects.count() == 1


def test_a_new_call_that_matches_a_kept_search_tells_its_owner_once(member):
    from calls.tasks import announce_call
    from coopportal.notifications.models import Notification

    other = UserFactory(member=True)
    follows.saved_search_create(by=member, name="Cultura nel Lazio", query="region=12&q=cultura")
    follows.saved_search_create(by=member, name="Lazio", query="region=12")
    follows.saved_search_create(by=other, name="Lombardia", query="region=03")
    call = FundingCallFactory(title="Contributi per attività culturali", regions=["12"])
    assert announce_call(call.pk) == 1
    told = Notification.objects.filter(kind="calls.new_matching_call")
    assert list(told.values_list("recipient_id", flat=True)) == [member.pk]
    assert told.get().context["search"] in ("Cultura nel Lazio", "Lazio")


def test_an_import_announces_the_calls_that_open(
    member, tmp_path, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    from coopportal.notifications.models import Notification

    follows.saved_search_create(by=member, name="Welfare", query="sector=Q")
    path = tmp_path / "welfare.csv"
    path.write_text("id;titolo;scadenze;settori\nW1;Welfare di comunità;31/12/2099;Q\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calls", "--source", "csv", str(path), stdout=StringIO())
    assert Notification.objects.filter(kind="calls.new_matching_call", recipient=member).exists()
