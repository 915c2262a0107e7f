import re

import pytest
from django.urls import reverse

from tests.factories import MembershipRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "core:home",
    "workgroups:index",
    "calls:index",
    "training:index",
    "matching:index",
    "account_login",
    "account_signup",
    "account_reset_password",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_render_for_visitors_in_italian(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert 'href="#main"' in html  # skip link
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html  # vendored, no CDN
    # No asset from another host (a random CSRF token may spell "cdn", so look at URLs).
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)


@pytest.mark.parametrize(
    "name", ["core:dashboard", "accounts:profile", "accounts:membership", "account_change_password"]
)
def test_personal_pages_send_visitors_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_shows_each_role(client):
    from tests.factories import board_user, staff_user

    expectations = {
        "participant": (UserFactory(), "Richiedi la verifica"),
        "member": (UserFactory(member=True), "numero di tessera"),
        "staff": (staff_user(), "?status__exact=pending"),  # the membership queue
        "board": (board_user(), 'data-role="board"'),
    }
    MembershipRequestFactory()
    for role, (user, text) in expectations.items():
        client.force_login(user)
        html = client.get(reverse("core:dashboard")).content.decode()
        assert f'data-role="{role}"' in html
        assert text in html, role


def test_navigation_shows_the_admin_link_to_staff_only(client, staff, member):
    client.force_login(member)
    assert reverse("admin:index") not in client.get("/").content.decode()
    client.force_login(staff)
    assert reverse("admin:index") in client.get("/").content.decode()


def _grow(n):
    for _ in range(n):
        MembershipRequestFactory()
        UserFactory(member=True)


@pytest.mark.parametrize(
    "name", ["core:home", "core:dashboard", "accounts:profile", "accounts:membership"]
)
def test_page_query_count_does_not_grow_with_data(client, staff, name, assert_flat_queries):
    client.force_login(staff)

    def fetch():
        assert client.get(reverse(name)).status_code == 200

    # the shell and each app's dashboard panel and waiting items (groups, calls, training,
    # matching, the community's four parts, spaces): within a detail page's budget
    assert assert_flat_queries.check(fetch, _grow, few=2, many=30) <= 25


def test_unknown_url_is_a_404_page_not_a_500(client):
    assert client.get("/nessuna-pagina/").status_code == 404
