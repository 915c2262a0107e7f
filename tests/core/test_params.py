"""parse_int / parse_id: what views read from query strings (issue 9, item 6)."""

import pytest
from django.urls import reverse

from coopportal.core.params import MAX_ID, parse_id, parse_int
from tests.factories import superuser_user


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("-3", -3),
        (5, 5),
        ("abc", None),
        ("²", None),  # isdigit() says yes, int() says no
        ("٣", None),  # int() reads Arabic-Indic digits; a query string should not
        ("1e9", None),
        ("1_000", None),
        ("\x00", None),
        ("x" * 5000, None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_int_reads_only_ascii_integers(value, expected):
    assert parse_int(value) == expected


def test_parse_int_bounds_and_default():
    assert parse_int("0", 1, min=1) == 1
    assert parse_int("101", max=100) is None
    assert parse_int("100", max=100) == 100
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None
    assert parse_id("99999999999999999999") is None
    assert parse_id("0") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["99999999999999999999", "9999", "0", "²", "abc"], ids=lambda q: f"year={q}"
)
def test_admin_date_hierarchy_overflow_is_the_usual_error_redirect(query):
    from django.test import Client

    client = Client()
    client.force_login(superuser_user())
    url = reverse("admin:core_auditevent_changelist")
    response = client.get(url, {"created_at__year": query})
    assert response.status_code == 302
    assert response.url == f"{url}?e=1"
    assert client.get(url, {"created_at__year": "2026"}).status_code == 200
