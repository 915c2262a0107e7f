"""Saved directory searches: save, list, delete, the limits, and the daily digest of new profiles
that match them."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from coopportal.notifications.models import Notification
from matching import notifications
from matching.models import Block, Profile, ProfileSearch
from matching.services.searches import (
    MAX_SAVED_SEARCHES,
    SearchError,
    query_clean,
    search_delete,
    search_save,
    searches_digest_send,
    searches_with_work,
)
from matching.tasks import profile_search_digests
from tests.factories import UserFactory
from tests.helpers.html import elements
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

SAVE = reverse("matching:search_save")
LIST = reverse("matching:search_list")
KIND = notifications.NEW_MATCHING_PROFILES.name


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _kept(user, name="Grafici", query="q=grafica", days_ago=1):
    """A search saved `days_ago` days ago (checked then)."""
    search = search_save(user=user, name=name, query=query)
    ProfileSearch.objects.filter(pk=search.pk).update(
        checked_at=timezone.now() - timedelta(days=days_ago)
    )
    search.refresh_from_db()
    return search


def _told(user):
    return list(Notification.objects.filter(recipient=user, kind=KIND))


# saving -----------------------------------------------------------------------------------------


def test_query_clean_keeps_the_directory_params_in_a_stable_order():
    assert query_clean("sector=J&q=grafica&page=3&csrfmiddlewaretoken=x&evil=1&open=") == (
        "q=grafica&sector=J"
    )
    assert query_clean("sector=J&q=grafica") == query_clean("q=grafica&sector=J")


def test_saving_from_the_directory_keeps_the_search(member_client, member):
    data = {"name": "Grafici a Milano", "query": "q=grafica&province=MI&page=2"}
    response = member_client.post(SAVE, data)
    assert response.status_code == 302 and response["Location"] == LIST
    search = ProfileSearch.objects.get(user=member)
    assert (search.name, search.query) == ("Grafici a Milano", "province=MI&q=grafica")
    assert timezone.now() - search.checked_at < timedelta(minutes=1)


def test_the_directory_offers_the_save_form_that_posts_the_query(member_client):
    html = member_client.get(reverse("matching:directory"), {"q": "grafica"}).content.decode()
    forms = [f for f in elements(html, "form") if f.attrs.get("action") == SAVE]
    assert len(forms) == 1
    inputs = {i.attrs.get("name"): i.attrs.get("value") for i in elements(html, "input")}
    assert inputs["query"] == "q=grafica"


def test_the_same_search_twice_is_refused_with_a_message(member_client, member):
    member_client.post(SAVE, {"name": "Uno", "query": "q=grafica&sector=J"})
    response = member_client.post(SAVE, {"name": "Due", "query": "sector=J&q=grafica"})
    assert response.status_code == 302
    assert ProfileSearch.objects.filter(user=member).count() == 1
    assert any("already" in m or "già" in m for m in _messages(response))


def test_at_most_twenty_searches(member):
    for n in range(MAX_SAVED_SEARCHES):
        search_save(user=member, name=f"Ricerca {n}", query=f"q=parola{n}")
    with pytest.raises(SearchError) as refused:
        search_save(user=member, name="Una di troppo", query="q=troppo")
    assert refused.value.code == "too_many"
    assert ProfileSearch.objects.filter(user=member).count() == MAX_SAVED_SEARCHES


@pytest.mark.parametrize(
    ("name", "query", "code"),
    [("", "q=grafica", "name"), ("   ", "q=grafica", "name"), ("Niente", "page=2", "query"),
     ("Niente", "", "query"), ("Lunga", "q=" + "x" * 3000, "query")],
)  # fmt: skip
def test_bad_saves_are_refused(member, name, query, code):
    with pytest.raises(SearchError) as refused:
        search_save(user=member, name=name, query=query)
    assert refused.value.code == code
    assert not ProfileSearch.objects.exists()


def test_a_bad_save_through_the_page_writes_nothing(member_client):
    response = member_client.post(SAVE, {"name": "", "query": "q=grafica"})
    assert response.status_code == 302
    assert not ProfileSearch.objects.exists()
    assert _messages(response)


def test_participants_cannot_save(participant):
    with pytest.raises(SearchError):
        search_save(user=participant, name="Grafici", query="q=grafica")


# the list and deleting --------------------------------------------------------------------------


def test_the_list_shows_my_searches_with_links_and_delete_buttons(member_client, member):
    mine = search_save(user=member, name="Grafici", query="q=grafica")
    search_save(user=UserFactory(member=True), name="Di altri", query="q=altro")
    html = member_client.get(LIST).content.decode()
    assert f"{reverse('matching:directory')}?q=grafica" in html
    assert reverse("matching:search_delete", args=[mine.pk]) in html
    assert "Di altri" not in html


def test_deleting_my_search(member_client, member):
    search = search_save(user=member, name="Grafici", query="q=grafica")
    response = member_client.post(reverse("matching:search_delete", args=[search.pk]))
    assert response.status_code == 302
    assert not ProfileSearch.objects.exists()


def test_another_persons_search_is_a_404_and_stays(member_client):
    other = search_save(user=UserFactory(member=True), name="Altrui", query="q=altro")
    response = member_client.post(reverse("matching:search_delete", args=[other.pk]))
    assert response.status_code == 404
    assert ProfileSearch.objects.filter(pk=other.pk).exists()
    assert member_client.post(reverse("matching:search_delete", args=[10**12])).status_code == 404


def test_search_delete_refuses_another_person(member):
    other = search_save(user=UserFactory(member=True), name="Altrui", query="q=altro")
    with pytest.raises(SearchError):
        search_delete(search=other, by=member)


def test_delete_and_save_only_by_post(member_client, member):
    search = search_save(user=member, name="Grafici", query="q=grafica")
    assert member_client.get(reverse("matching:search_delete", args=[search.pk])).status_code == 405
    assert member_client.get(SAVE).status_code == 405


def test_visitors_and_participants_cannot_save_or_delete(participant_client, member):
    search = search_save(user=member, name="Grafici", query="q=grafica")
    delete = reverse("matching:search_delete", args=[search.pk])
    visitor = Client()
    assert visitor.post(SAVE, {"name": "x", "query": "q=x"}).status_code == 302
    assert visitor.post(delete).status_code == 302
    assert participant_client.post(SAVE, {"name": "x", "query": "q=x"}).status_code == 403
    assert participant_client.post(delete).status_code == 403
    assert ProfileSearch.objects.count() == 1


def test_the_list_query_count_is_flat(member_client, member, assert_flat_queries):
    made = []

    def grow(n):
        for _ in range(n):
            made.append(search_save(user=member, name=f"R{len(made)}", query=f"q=p{len(made)}"))

    def fetch():
        assert member_client.get(LIST).status_code == 200

    assert assert_flat_queries.check(fetch, grow, few=2, many=15) <= 6


# the digest -------------------------------------------------------------------------------------


def test_a_new_matching_profile_tells_the_owner_once(member):
    _kept(member, name="Grafici", query="q=grafica")
    profile_make(user=UserFactory(member=True, first_name="Nina", last_name="Grafi"),
                 skills=["Grafica"])  # fmt: skip
    profile_make(skills=["Idraulica"])  # matches nothing
    assert searches_digest_send() == 1
    (told,) = _told(member)
    assert told.context["count"] == 1
    assert "Grafici (1)" in told.context["search"]
    assert told.context["names"] == "Nina Grafi"
    assert told.url == f"{reverse('matching:directory')}?q=grafica"
    assert searches_digest_send() == 0  # twice: told once
    assert len(_told(member)) == 1


def test_one_notification_lists_every_search_with_new_profiles(member):
    _kept(member, name="Grafici", query="q=grafica")
    _kept(member, name="Milano", query="province=MI")
    _kept(member, name="Agricoltura", query="sector=A")
    profile_make(skills=["Grafica"], province="MI")
    profile_make(province="MI")
    assert searches_digest_send() == 1
    (told,) = _told(member)
    assert told.context["count"] == 3
    assert told.context["search"] == "Grafici (1); Milano (2)"
    assert told.url == LIST


def test_profiles_listed_before_the_search_was_checked_are_not_news(member):
    profile = profile_make(skills=["Grafica"])
    Profile.objects.filter(pk=profile.pk).update(listed_at=timezone.now() - timedelta(days=5))
    _kept(member, days_ago=1)
    assert not searches_with_work().exists()
    assert searches_digest_send() == 0


def test_my_own_new_profile_is_not_news(member):
    _kept(member)
    profile_make(user=member, skills=["Grafica"])
    assert searches_digest_send() == 0
    assert _told(member) == []


@pytest.mark.parametrize("how", ["hidden", "staff_hidden", "not_member", "blocked", "blocker"])
def test_an_unlisted_or_blocked_new_profile_tells_nothing(member, how):
    _kept(member)
    if how == "not_member":
        profile_make(user=UserFactory(), skills=["Grafica"])
    elif how == "hidden":
        profile_make(skills=["Grafica"], visibility="hidden")
    else:
        other = profile_make(skills=["Grafica"])
        if how == "staff_hidden":
            Profile.objects.filter(pk=other.pk).update(hidden_at=timezone.now())
        elif how == "blocked":
            Block.objects.create(blocker=member, blocked=other.user)
        else:
            Block.objects.create(blocker=other.user, blocked=member)
    assert searches_digest_send() == 0
    assert _told(member) == []


def test_only_searches_with_work_are_looked_at(member):
    busy = _kept(member, name="Grafici", query="q=grafica")
    _kept(UserFactory(member=True), name="Vecchia", query="q=grafica", days_ago=-1)  # checked later
    gone = UserFactory(member=True)
    _kept(gone, name="Ex socio", query="q=grafica")
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    profile_make(skills=["Grafica"])
    assert list(searches_with_work()) == [busy]


def test_a_search_with_new_profiles_none_matching_moves_on_silently(member):
    search = _kept(member, query="q=grafica")
    profile_make(skills=["Idraulica"])
    assert searches_digest_send() == 0
    search.refresh_from_db()
    assert timezone.now() - search.checked_at < timedelta(minutes=1)
    assert not searches_with_work().exists()


def test_the_beat_job_runs_the_digest(member):
    _kept(member)
    profile_make(skills=["Grafica"])
    assert profile_search_digests.apply().get() == 1
    assert len(_told(member)) == 1


def test_the_beat_row_exists():
    task = PeriodicTask.objects.get(task="matching.profile_search_digests")
    assert task.enabled
    assert task.crontab is not None


@pytest.mark.django_db(transaction=True)
def test_two_digests_at_once_tell_once():
    """Two runs of the job on real parallel connections: the member's searches are locked by the
    first, skipped by the second, and moved on — one notification."""
    from tests.helpers.parallel import run_at_once

    owner = UserFactory(member=True)
    _kept(owner, name="Grafici", query="q=grafica")
    _kept(owner, name="Tutti", query="open=true")
    profile_make(skills=["Grafica"])
    assert run_at_once([searches_digest_send, searches_digest_send]) == ["ok", "ok"]
    assert len(_told(owner)) == 1
    assert searches_digest_send() == 0
