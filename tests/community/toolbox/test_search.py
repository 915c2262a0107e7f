"""Italian search and filters: stems and prefixes (*cooperativa* finds *cooperative*, *culturali*
finds *cultura*), accents, typos in titles; filters by area, kind, language, target and tag; the
facet counts of what is listed."""

import pytest
from django.urls import reverse

from community.toolbox.selectors import resource_facets, resource_list

from .factories import resource_make

pytestmark = pytest.mark.django_db

LIST = reverse("community:toolbox_list")


def _titles(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [r.title for r in response.context["resources"]]


def test_italian_stemming_and_prefixes(client):
    resource_make(title="Guida per le cooperative sociali", summary="Come nascono.")
    resource_make(title="Eventi culturali in rete", summary="Programmare insieme.")
    resource_make(title="Assemblea dei soci", summary="Convocazione e verbale.")
    resource_make(title="Fatturazione elettronica", summary="Strumenti per la città.")
    assert _titles(client, q="cooperativa") == ["Guida per le cooperative sociali"]
    assert _titles(client, q="cultura") == ["Eventi culturali in rete"]
    assert _titles(client, q="asemblea") == ["Assemblea dei soci"]  # a typo in the title
    assert _titles(client, q="citta") == ["Fatturazione elettronica"]  # without the accent
    assert _titles(client, q="verbali") == ["Assemblea dei soci"]
    assert _titles(client, q="astronomia") == []


def test_search_does_not_reach_hidden_resources(client):
    resource_make(title="Modello di verbale riservato", audience="members")
    resource_make(title="Verbale in attesa", status="suggested")
    assert _titles(client, q="verbale") == []


def test_filters_narrow_the_list(client):
    resource_make(title="A", area="funding", kind="guide", language="it", target="startups",
                  tags=["crowdfunding"])  # fmt: skip
    resource_make(title="B", area="funding", kind="template", language="en", target="all")
    resource_make(title="C", area="governance", kind="guide", language="it", target="all",
                  tags=["assemblea"])  # fmt: skip
    assert sorted(_titles(client, area="funding")) == ["A", "B"]
    assert sorted(_titles(client, kind="guide")) == ["A", "C"]
    assert _titles(client, language="en") == ["B"]
    assert _titles(client, target="startups") == ["A"]
    assert _titles(client, tag="assemblea") == ["C"]
    assert _titles(client, area="funding", kind="guide") == ["A"]
    assert _titles(client, area="governance", q="crowdfunding") == []


def test_facet_counts_follow_the_list(rf):
    from django.contrib.auth.models import AnonymousUser

    resource_make(area="funding", kind="guide")
    resource_make(area="funding", kind="template")
    resource_make(area="governance", kind="guide", language="en")
    resource_make(area="governance", kind="guide", audience="members")  # not for visitors
    _filterset, listed = resource_list(params=None, user=AnonymousUser())
    facets = resource_facets(listed)
    assert [(v, n) for v, _label, n in facets["area"].options] == [
        ("funding", 2),
        ("governance", 1),
    ]
    assert {v: n for v, _label, n in facets["kind"].options} == {"guide": 2, "template": 1}
    assert {v: n for v, _label, n in facets["language"].options} == {"it": 2, "en": 1}
    _filterset, funding = resource_list(params="area=funding", user=AnonymousUser())
    facets = resource_facets(funding)
    assert {v: n for v, _label, n in facets["kind"].options} == {"guide": 1, "template": 1}
    assert [v for v, _label, _n in facets["area"].options] == ["funding"]


def test_facet_links_on_the_page_keep_the_search(client):
    resource_make(title="Guida ai bandi", area="funding")
    resource_make(title="Guida all'assemblea", area="governance")
    response = client.get(LIST, {"q": "guida"})
    area = next(b for b in response.context["facets"] if b["name"] == "area")
    assert [(o["count"], "q=guida" in o["url"]) for o in area["options"]] == [(1, True), (1, True)]
