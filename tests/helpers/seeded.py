"""`demo`: the whole demo data (`manage.py seed_demo`) made once per test module (per xdist
worker), in a transaction rolled back after the module's last test; each test runs inside it in a
savepoint (pytest-django's `db`), so what a test writes never reaches the next. The seed takes
5 to 7 s: the modules that check it ran it once per test.

Its value is what the command printed. A test of the module that does not ask for `demo` may
still run after one that did and see the demo data (the transaction stays open until the module
ends): such tests must hold with or without it.
"""

import io

import pytest


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield {"out": out.getvalue(), "media": media}
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db, settings):
    """The demo data (see the module); returns what `seed_demo` printed."""
    settings.MEDIA_ROOT = _demo_once["media"]
    return _demo_once["out"]
