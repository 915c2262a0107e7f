"""The portal's icon: linked from every page, and /favicon.ico answers (no 404 in every log)."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

ICON_LINK = f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">'


@pytest.fixture(autouse=True)
def _static_from_the_finders(settings):
    """WhiteNoise serves static/ as with `make run` (DEBUG) or after collectstatic."""
    settings.WHITENOISE_USE_FINDERS = True


def streamed(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_icon_is_served_in_the_portals_green(client):
    response = client.get(static("favicon.svg"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"#1f6f43" in streamed(response)


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("url", ["/", "/groups/", "/accounts/login/", "/accounts/signup/"])
def test_pages_link_the_icon_for_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert ICON_LINK in response.content.decode()


@pytest.mark.parametrize("url", ["/dashboard/", "/notifications/", "/me/profile/"])
def test_pages_link_the_icon_for_members(member_client, url):
    response = member_client.get(url)
    assert response.status_code == 200
    assert ICON_LINK in response.content.decode()
