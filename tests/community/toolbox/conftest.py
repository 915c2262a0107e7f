import pytest


@pytest.fixture
def portal(live_server, page, settings):
    """A browser page pointed at the live portal (as tests/browser/conftest.py's)."""
    page.set_default_timeout(10_000)
    settings.SITE_URL = live_server.url

    class Portal:
        base = live_server.url

        def url(self, path):
            return f"{live_server.url}{path}"

    page.portal = Portal()
    return page
