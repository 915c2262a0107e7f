"""The showcase's pages and its admin changelist answer hostile query strings without a 5xx, as
every role (the portal's own attack, tests/security/test_hostile_queries.py, run on this part's
pages with data of its own: that module needs a line for `community:practice_` to fill their
ids, see the part's report)."""

import pytest
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory, board_user, superuser_user
from tests.security.test_hostile_queries import (
    _logged_in,
    _quiet_errors,  # noqa: F401  (autouse: the 5xx tracebacks stay out of the log)
    attack,
    extra_parameter,
    get,
    recording_reads,
)

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(staff):
    proposer = UserFactory(member=True)
    clients = {
        "visitor": Client(raise_request_exception=False),
        "member": _logged_in(proposer),
        "staff": _logged_in(staff),
        "board": _logged_in(board_user()),
        "superuser": _logged_in(superuser_user()),
    }
    clients["practice"] = PracticeFactory(proposer=proposer, published=True)
    clients["draft"] = PracticeFactory(proposer=proposer)
    return clients


def _pages(practice, draft):
    return [
        reverse("community:practice_list"),
        practice.get_absolute_url(),
        reverse("community:practice_mine"),
        reverse("community:practice_review"),
        reverse("community:practice_create"),
        reverse("community:practice_edit", args=[draft.pk]),
        reverse("community:practice_cover", args=[practice.pk]),
    ]


def test_practice_pages_survive_hostile_queries(clients):
    practice, draft = clients.pop("practice"), clients.pop("draft")
    for url in _pages(practice, draft):
        extra = extra_parameter()
        parameters, reaches = {extra, "q", "kind", "region", "sector", "year"}, set()
        parameters |= {"group", "call", "course", "page"}
        for role, client in clients.items():
            with recording_reads() as read:
                response = get(client, url, f"{extra}=1")
            assert response.status_code < 500, (role, url)
            if response.status_code == 200:
                reaches.add(role)
                parameters |= read - {"_to_field"}
        failures = attack(clients, url, [(p,) for p in parameters], reaches)
        assert not failures, failures


def test_practice_changelist_survives_hostile_queries(clients):
    clients.pop("practice"), clients.pop("draft")
    url = reverse("admin:community_practice_changelist")
    response = clients["superuser"].get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    groups = [(SEARCH_VAR,), (PAGE_VAR,), (ORDER_VAR,), (ERROR_FLAG,), (extra_parameter(),)]
    groups += [tuple(spec.expected_parameters()) for spec in changelist.filter_specs]
    year, month, day = (f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    groups += [(year,), (year, month), (year, month, day)]
    edges = [f"{year}=9999", f"{year}=9999&{month}=12&{day}=31", f"{year}=0"]
    reaches = {role for role, c in clients.items() if get(c, url, "").status_code == 200}
    failures = attack(clients, url, groups, reaches, edges)
    assert not failures, failures
