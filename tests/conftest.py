import functools
import os

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, board_user, enrol_totp, staff_user, superuser_user

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
def _closed_breaker():
    """The broker's circuit breaker is per process: no test inherits one another test opened."""
    from coopportal.notifications.services import broker_breaker

    broker_breaker.succeeded()
    yield
    broker_breaker.succeeded()


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


@pytest.fixture
def superuser(db):
    return superuser_user()


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser (behind `admin_client`), with an authenticator app like staff."""
    enrol_totp(admin_user)
    return admin_user


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


@pytest.fixture
def superuser_client(superuser):
    from django.test import Client

    return _client_for(Client, superuser)


@pytest.fixture(scope="session")
def redis_url():
    """The machine's shared Redis (never flushed by tests; they use their own keys or db)."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


pytest_plugins = [
    "tests.celery_worker",
    "tests.helpers.queries",
    "tests.helpers.make_run",
    "tests.helpers.flush",
    "tests.helpers.seeded",
]


def migration_functions():
    """Every RunPython forward function of every installed app's migrations, in the order
    `migrate` runs them: [(migration key, function)]. Read from the files, not the database."""
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        plan += [key for key in loader.graph.forwards_plan(leaf) if key not in plan]
    return [
        (key, operation.code)
        for key in plan
        for operation in loader.graph.nodes[key].operations
        if isinstance(operation, RunPython)
    ]


@functools.cache
def baseline_functions():
    """The data migrations marked `@baseline` (coopportal.core.migration_helpers.baseline)."""
    return [code for _, code in migration_functions() if getattr(code, "baseline", False)]


@pytest.fixture(autouse=True)
def _baseline_data(request):
    """A transactional test empties every table when it ends; the next one gets back what the
    data migrations made (regions, provinces, sectors, groups and their permissions, beat jobs)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames
    )
    if not transactional:
        return
    from django.apps import apps
    from django.contrib.auth.models import Group

    request.getfixturevalue("transactional_db")
    if Group.objects.filter(name="Staff").exists():
        return
    for function in baseline_functions():
        function(apps, None)


# the slowest files of the suite (pytest --durations), each 15 to 50 seconds
LONGEST = (
    "tests/workgroups/test_timeline_migration.py",
    "tests/smoke/",
    "tests/faults/",
    "tests/browser/test_calls_application_journey.py",
    "tests/browser/test_accessibility",
    "tests/browser/test_keyboard_journeys.py",
    "tests/security/test_uploads.py",
    "tests/security/test_hostile_forms.py",
    "tests/bench/",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit (transactional, live server) empty every table when they end: run them
    after all the others, whatever order the plugins' own sorting (e.g. by browser) left."""

    def commits(item):
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        return transactional or "live_server" in getattr(item, "fixturenames", ())

    # Within each part, the longest tests first: pytest-xdist hands out the rest as workers free
    # up, so the run does not end with one worker on a 40-second test while the other waits.
    items.sort(key=lambda item: (commits(item), not item.nodeid.startswith(LONGEST)))
