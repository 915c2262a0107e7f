"""The member directory: Italian full-text and typo-forgiving search, the filters, the facets, the
pages, the list by province, who may see it, bad input, flat query counts and the indexes used."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coopportal.core.search import vector_refresh
from matching.models import Block, Profile
from matching.selectors.directory import (
    directory_facets,
    directory_page,
    directory_search,
    provinces_with_counts,
    typo_tolerance,
)
from tests.factories import UserFactory
from tests.helpers.html import elements
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("matching:directory")
PROVINCES = reverse("matching:directory_provinces")


def person(first, last, **fields):
    return profile_make(user=UserFactory(member=True, first_name=first, last_name=last), **fields)


def found(viewer, query="") -> list[str]:
    with typo_tolerance():
        return [p.display_name for p in directory_search(viewer=viewer, params=QueryDict(query))]


def counts(viewer, query="") -> dict:
    with typo_tolerance():
        facets = directory_facets(directory_search(viewer=viewer, params=QueryDict(query)))
    total = facets.pop("total")
    counted = {name: {v: n for v, _label, n in facet.options} for name, facet in facets.items()}
    return {**counted, "total": total}


def province_counts(viewer, query="") -> dict:
    regions = provinces_with_counts(viewer=viewer, params=QueryDict(query))
    return {p["sigla"]: p["count"] for region in regions for p in region["provinces"]}


# search -----------------------------------------------------------------------------------------


def test_search_italian_full_text_finds_other_forms_of_a_word(member):
    person("Anna", "Verdi", presentation="Progettiamo impianti fotovoltaici per le cooperative.")
    person("Bruno", "Neri", presentation="Facciamo pane e dolci.")
    assert found(member, "q=fotovoltaico") == ["Anna Verdi"]
    assert found(member, "q=impianto") == ["Anna Verdi"]
    assert found(member, "q=FOTOVOLTAICI") == ["Anna Verdi"]
    assert found(member, "q=panificio") == []


def test_search_ranks_the_name_and_skills_above_the_presentation(member):
    person("Carla", "Bianchi", presentation="Lavoriamo anche con la contabilità.")
    person("Dario", "Gialli", skills=["Contabilità"])
    assert found(member, "q=contabilità") == ["Dario Gialli", "Carla Bianchi"]


def test_search_a_typo_in_a_name_still_finds_the_person(member):
    person("Mario", "Rossi")
    person("Luca", "Ferrari")
    person("Sara", "Greco")
    assert found(member, "q=Rosii") == ["Mario Rossi"]
    assert found(member, "q=Ferari") == ["Luca Ferrari"]
    assert found(member, "q=Grego") == ["Sara Greco"]
    with typo_tolerance(0.6):  # PostgreSQL's default: "Grego" is only 0.5 like "Greco"
        strict = directory_search(viewer=member, params=QueryDict("q=Grego"))
        assert [p.display_name for p in strict] == []


def test_search_a_typo_or_no_accent_in_a_skill_still_finds_the_person(member):
    person("Elena", "Costa", skills=["Contabilità", "Bilanci"])
    person("Franco", "Greco", skills=["Web design", "Grafica"])
    assert found(member, "q=contabilita") == ["Elena Costa"]
    assert found(member, "q=web desing") == ["Franco Greco"]
    assert found(member, "q=grafcia") == ["Franco Greco"]


def test_near_words_are_looked_for_only_when_the_words_find_less_than_a_page(member):
    """A broad search does not also compare every name with its words (TYPOS_BELOW)."""
    from matching.filters import TYPOS_BELOW

    person("Sara", "Greco")
    assert found(member, "q=Grego") == ["Sara Greco"]  # a near word: "Grego" finds nobody
    for index in range(TYPOS_BELOW - 1):
        person("Anna", f"Grego{index}")
    # fewer than a page find "Grego" itself: the near "Greco" is still offered
    assert "Sara Greco" in found(member, "q=Grego")
    person("Ultimo", "Grego")
    many = found(member, "q=Grego")
    assert len(many) == TYPOS_BELOW and "Sara Greco" not in many


def test_search_without_text_lists_the_newest_first(member):
    old = person("Gino", "Vecchi")
    new = person("Ivo", "Nuovi")
    Profile.objects.filter(pk=old.pk).update(listed_at=timezone.now() - timedelta(days=3))
    assert found(member) == [new.display_name, old.display_name]


# filters ----------------------------------------------------------------------------------------


@pytest.fixture
def spread(member):
    """Four profiles across sectors, provinces, tags, kinds and openness."""
    return {
        "a": person("Aldo", "Uno", sectors=["J"], province="MI", skills=["Web design"],
                    offers=["Siti web"], needs=["Contabilità"], kind="person"),
        "b": person("Bea", "Due", sectors=["J", "M"], province="BG", skills=["Grafica"],
                    offers=["Contabilità"], kind="enterprise", organisation_name="Bea Coop",
                    open_to_collaboration=False),
        "c": person("Ciro", "Tre", sectors=["A"], province="NA", skills=["Web design"],
                    needs=["Siti web"]),
        "d": person("Dora", "Quattro", sectors=["M"], province="RM"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=J", {"a", "b"}),
        ("region=03", {"a", "b"}),
        ("province=NA", {"c"}),
        ("skill=web-design", {"a", "c"}),
        ("offers=contabilita", {"b"}),
        ("needs=siti-web", {"c"}),
        ("open=true", {"a", "c", "d"}),
        ("open=on", {"a", "c", "d"}),
        ("kind=enterprise", {"b"}),
        ("kind=person&sector=J", {"a"}),
        ("sector=M&region=12", {"d"}),
    ],
)
def test_each_filter_selects_its_profiles(member, spread, query, expected):
    names = {key: p.display_name for key, p in spread.items()}
    assert set(found(member, query)) == {names[key] for key in expected}


def test_facets_count_the_profiles_the_other_filters_keep(member, spread):
    everything = counts(member)
    assert everything["sector"] == {"A": 1, "J": 2, "M": 2}
    assert everything["region"] == {"03": 2, "15": 1, "12": 1}
    assert everything["kind"] == {"person": 3, "enterprise": 1}
    assert everything["open"] == {"true": 3}
    assert everything["total"] == 4
    narrowed = counts(member, "sector=J")
    assert narrowed["sector"] == {"J": 2, "M": 1}
    assert narrowed["region"] == {"03": 2}
    assert narrowed["kind"] == {"person": 1, "enterprise": 1}
    assert narrowed["open"] == {"true": 1}
    assert narrowed["total"] == 2
    searched = counts(member, "q=web design&region=03")
    assert searched["sector"] == {"J": 1}


def test_the_directory_page_shows_cards_facets_and_the_save_form(member_client, spread):
    response = member_client.get(DIRECTORY, {"sector": "J"})
    assert response.status_code == 200
    html = response.content.decode()
    assert spread["a"].display_name in html and spread["b"].organisation_name in html
    assert spread["c"].display_name not in html
    assert len(elements(html, "article")) == 2
    assert reverse("matching:search_save") in html
    assert response.context["page"].paginator.count == 2


def test_the_directory_without_filters_offers_no_save_form(member_client, spread):
    response = member_client.get(DIRECTORY)
    assert response.status_code == 200
    assert 'id="save-search"' not in response.content.decode()


def test_the_directory_says_when_nothing_matches(member_client, spread):
    response = member_client.get(DIRECTORY, {"q": "astronavi"})
    assert 'id="empty-state"' in response.content.decode()


def test_pages_of_twenty(member):
    for n in range(24):
        person("Socio", f"Numero{n:02d}")
    first = directory_page(viewer=member, params=QueryDict(), page="1")
    second = directory_page(viewer=member, params=QueryDict(), page="2")
    assert len(first.page.object_list) == 20
    assert len(second.page.object_list) == 4
    assert not {p.pk for p in first.page.object_list} & {p.pk for p in second.page.object_list}
    assert directory_page(viewer=member, params=QueryDict(), page="abc").page.number == 1
    assert directory_page(viewer=member, params=QueryDict(), page="999").page.number == 2


# who is never listed ----------------------------------------------------------------------------


def _unlisted():
    """A profile for each way of not being listed, all in Milan, sector J, skill 'Fotovoltaico'."""
    common = {"sectors": ["J"], "province": "MI", "skills": ["Fotovoltaico"]}
    staff_hidden = person("Nascosto", "Staff", **common)
    Profile.objects.filter(pk=staff_hidden.pk).update(hidden_at=timezone.now())
    person("Nascosto", "Privato", visibility="hidden", **common)
    profile_make(user=UserFactory(first_name="Non", last_name="Socio"), **common)
    inactive = person("Non", "Attivo", **common)
    type(inactive.user).objects.filter(pk=inactive.user_id).update(is_active=False)


def test_hidden_and_unlisted_profiles_never_appear(member, member_client):
    _unlisted()
    shown = person("Visibile", "Davvero", sectors=["J"], province="MI", skills=["Fotovoltaico"])
    assert found(member) == [shown.display_name]
    assert found(member, "q=fotovoltaico") == [shown.display_name]
    assert found(member, "q=Nascosto") == []
    assert counts(member)["sector"] == {"J": 1}
    assert counts(member)["region"] == {"03": 1}
    assert province_counts(member) == {"MI": 1}
    html = member_client.get(DIRECTORY, {"q": "fotovoltaico"}).content.decode()
    assert "Nascosto" not in html and "Socio" not in html and "Attivo" not in html


@pytest.mark.parametrize("direction", ["viewer_blocked", "blocked_viewer"])
def test_blocked_people_never_appear(member, direction):
    other = person("Bloccato", "Rossi", sectors=["J"], province="MI", skills=["Grafica"])
    if direction == "viewer_blocked":
        Block.objects.create(blocker=member, blocked=other.user)
    else:
        Block.objects.create(blocker=other.user, blocked=member)
    assert "Bloccato Rossi" not in found(member)
    assert found(member, "q=Rosii") == []
    assert found(member, "q=grafica") == []
    assert counts(member)["sector"] == {}
    assert province_counts(member) == {}


# the page of provinces ---------------------------------------------------------------------------


def test_provinces_are_counted_by_region_and_link_to_the_directory(member_client, member, spread):
    regions = provinces_with_counts(viewer=member)
    lombardia = next(r for r in regions if r["code"] == "03")
    assert lombardia["count"] == 2
    assert [(p["sigla"], p["count"]) for p in lombardia["provinces"]] == [("BG", 1), ("MI", 1)]
    assert province_counts(member, "sector=J&province=MI") == {"MI": 1, "BG": 1}  # all provinces
    response = member_client.get(PROVINCES, {"sector": "J"})
    assert response.status_code == 200
    links = {a.attrs["href"] for a in elements(response.content.decode(), "a")}
    assert f"{DIRECTORY}?sector=J&province=MI" in links
    assert not any("province=NA" in link for link in links)  # sector A only


# who may use it ---------------------------------------------------------------------------------


PAGES = [DIRECTORY, PROVINCES, reverse("matching:search_list")]


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("url", PAGES)
def test_participants_who_are_not_members_are_refused(participant_client, url):
    assert participant_client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_members_and_staff_may_use_it(member_client, staff_client, url):
    assert member_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200


# bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 10000,
        "q=" + "cultura " * 1000,
        "q='%26|!:*()",
        "q=%00",
        "q=%ff%fe",
        "province=zzz",
        "province=%00",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "sector='; drop table matching_profile; --",
        "sector=%00",
        "skill=%00",
        "skill=" + "x" * 5000,
        "offers=nessuno&needs=%ff",
        "region=99&kind=robot&open=forse",
    ],
)
def test_bad_input_is_never_a_server_error(member, spread, query):
    client = Client(raise_request_exception=False)
    client.force_login(member)
    for url in (DIRECTORY, PROVINCES):
        response = client.generic("GET", url, QUERY_STRING=query)
        assert response.status_code == 200, (url, query)


def test_bad_filters_are_shown_and_the_others_still_apply(member_client, spread):
    response = member_client.get(DIRECTORY, {"province": "zzz", "sector": "J", "q": "x" * 10000})
    assert response.status_code == 200
    assert 'id="filter-errors"' in response.content.decode()
    assert response.context["page"].paginator.count == 2


# query counts -----------------------------------------------------------------------------------


def _grow(n, _counter=[0]):
    for _ in range(n):
        _counter[0] += 1
        person(
            "Socio",
            f"Crescita{_counter[0]}",
            sectors=["J", "M"],
            province="MI",
            skills=["Web design", "Grafica"],
            presentation="Web design per cooperative",
        )


@pytest.mark.parametrize("query", ["", "?q=web+design&sector=J", "?open=true&province=MI"])
def test_directory_query_count_is_flat(member_client, assert_flat_queries, query):
    def fetch():
        cache.clear()  # the counts computed each time (their cache: test_directory_cache.py)
        assert member_client.get(DIRECTORY + query).status_code == 200

    count = assert_flat_queries.check(fetch, _grow, few=3, many=27)
    assert count <= 16


def test_provinces_query_count_is_flat(member_client, assert_flat_queries):
    def fetch():
        assert member_client.get(PROVINCES).status_code == 200

    count = assert_flat_queries.check(fetch, _grow, few=3, many=27)
    assert count <= 8


# indexes ----------------------------------------------------------------------------------------


def _bulk_profiles(n):
    """`n` listed profiles of verified members, their vectors stored in one UPDATE."""
    User = type(UserFactory.build())
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=f"massa{i}@example.org",
                first_name=f"Nome{i}",
                last_name=f"Cognome{i}",
                membership_number=f"M-{i:05d}",
                member_since=now.date(),
                membership_verified_at=now,
            )
            for i in range(n)
        ]
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                display_name=f"{user.first_name} {user.last_name}",
                presentation=f"Cooperativa numero {i} di servizi",
                skills_text="Pulizie, Logistica",
                listed_at=now,
            )
            for i, user in enumerate(users)
        ]
    )
    vector_refresh(Profile.objects.all(), Profile.SEARCH_VECTOR)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for table in ("accounts_user", "matching_profile", "matching_block"):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_search_uses_the_gin_indexes(member):
    _bulk_profiles(2000)
    person("Mario", "Rossi", presentation="Progettiamo impianti fotovoltaici")
    with typo_tolerance():
        plan = _plan(directory_search(viewer=member, params=QueryDict("q=fotovoltaico")))
        assert "matching_profile_search" in plan, plan
        assert "matching_profile_name_trgm" in plan, plan
        assert "matching_profile_skills_trgm" in plan, plan
        name_plan = _plan(directory_search(viewer=member, params=QueryDict("q=Rosii")))
        assert "matching_profile_name_trgm" in name_plan, name_plan


def test_a_chosen_skill_is_shown_with_a_link_that_removes_it(member_client, spread):
    response = member_client.get(DIRECTORY, {"skill": "web-design", "province": "MI"})
    assert response.context["page"].paginator.count == 1
    links = {a.attrs.get("href") for a in elements(response.content.decode(), "a")}
    assert "?province=MI" in links  # the skill removed, the province kept
    assert "Web design" in response.content.decode()


def test_refused_filters_are_not_carried_by_links_or_a_saved_search(member_client, spread):
    response = member_client.get(DIRECTORY, {"q": "web design", "province": "zzz"})
    html = response.content.decode()
    links = [a.attrs.get("href", "") for a in elements(html, "a")]
    assert any("sector=J" in link for link in links)
    assert not any("zzz" in link for link in links)
    query = next(i for i in elements(html, "input") if i.attrs.get("name") == "query")
    assert query.attrs["value"] == "q=web+design"


def test_the_page_forgives_a_typo_too(member_client):
    person("Sara", "Greco", province="TO")
    provinces = member_client.get(PROVINCES, {"q": "Grego"})
    assert [p["sigla"] for r in provinces.context["regions"] for p in r["provinces"]] == ["TO"]
    response = member_client.get(DIRECTORY, {"q": "Grego"})
    assert [p.display_name for p in response.context["profiles"]] == ["Sara Greco"]
