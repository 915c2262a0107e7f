import os

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, board_user, staff_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests around
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _clean_cache():
    """allauth's rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def participant(db):
    return UserFactory()


@pytest.fixture
def member(db):
    return UserFactory(member=True)


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def board(db):
    return board_user()


def _client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def participant_client(participant):
    from django.test import Client

    return _client_for(Client, participant)


@pytest.fixture
def member_client(member):
    from django.test import Client

    return _client_for(Client, member)


@pytest.fixture
def staff_client(staff):
    from django.test import Client

    return _client_for(Client, staff)


@pytest.fixture
def board_client(board):
    from django.test import Client

    return _client_for(Client, board)


@pytest.fixture(scope="session")
def redis_url():
    """The machine's shared Redis (never flushed by tests; they use their own keys or db)."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


pytest_plugins = ["tests.celery_worker"]
