"""The main navigation bar: the board area and the admin are links in it for those who have them
(not hidden in the user menu), with the current page marked."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers.html import elements

pytestmark = pytest.mark.django_db

BOARD = ("/board/", "Area CdA")
ADMIN = ("/admin/", "Amministrazione")


def main_navigation(html):
    """(href, text, aria-current) of the links of the navigation bar, user menu excluded."""
    header = html.split("</header>")[0]
    return [
        (a.attrs["href"], a.text, a.attrs.get("aria-current"))
        for a in elements(header, "a")
        if "nav-link" in a.classes
    ]


def menu_items(html):
    return [a.attrs["href"] for a in elements(html, "a") if "dropdown-item" in a.classes]


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "role, expected",
    [
        (None, set()),
        ("participant", set()),
        ("member", set()),
        ("staff", {ADMIN}),
        ("board", {BOARD}),
        ("superuser", {BOARD, ADMIN}),
    ],
)
def test_each_role_sees_exactly_its_links_in_the_navigation_bar(request, role, expected):
    client = Client()
    if role:
        client.force_login(request.getfixturevalue(role))
    for url in (reverse("core:home"), reverse("workgroups:index")):
        html = client.get(url).content.decode()
        links = {(href, text) for href, text, _ in main_navigation(html)}
        assert {BOARD, ADMIN} & links == expected, (role, url)
        # not twice: the user menu no longer hides them
        assert not {BOARD[0], ADMIN[0]} & set(menu_items(html))


def test_the_board_area_link_is_the_current_page_inside_the_board_area(board_client):
    for url in (reverse("board:index"), reverse("board:figures")):
        nav = main_navigation(board_client.get(url).content.decode())
        assert (BOARD[0], BOARD[1], "page") in nav, url
        assert [current for *_, current in nav].count("page") == 1
    nav = main_navigation(board_client.get(reverse("core:dashboard")).content.decode())
    assert (BOARD[0], BOARD[1], None) in nav


def test_the_links_speak_english_too(board_client, board):
    board.language = "en"
    board.save(update_fields=["language"])
    html = board_client.get(reverse("core:dashboard")).content.decode()
    assert ("/board/", "Board area") in {(h, t) for h, t, _ in main_navigation(html)}


def test_the_links_cost_one_query_at_most_whatever_the_role(
    rf, board, staff, django_assert_max_num_queries
):
    """The groups are read once per request (the role predicates share them)."""
    from coopportal.accounts.models import User
    from coopportal.web.context_processors import portal

    for person in (board, staff):
        request = rf.get("/")
        request.user = User.objects.get(pk=person.pk)
        with django_assert_max_num_queries(1):
            context = portal(request)
            assert context["nav_role_links"]
            assert context["can_access_board"] == (person == board)
