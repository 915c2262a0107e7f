"""Tests: always PostgreSQL (DATABASE_URL, default the local server), fast hashing, local mail."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coopportal")

from .base import *  # noqa: F403
from .base import DATABASES, env

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "The tests run on PostgreSQL only: set DATABASE_URL to a postgres:// URL."
    )

# A checkout of its own may name its test database (CI beside a developer's run on one machine).
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default=None)}
# The tests' commits (every statement of a transactional or live-server test, the migrations that
# build the test database) do not wait for the disk: a crash loses a test database, nothing else.
# Set per connection, so the machine's shared server keeps its own durability.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# A real Celery worker started by the tests (tests/celery_worker.py) runs with these settings too:
# it reaches the test database through DATABASE_URL and sends e-mail to the tests' SMTP sink.
if env("TEST_WORKER_EMAIL_URL", default=""):
    vars().update(env.email_url("TEST_WORKER_EMAIL_URL"))
CELERY_TASK_DEFAULT_QUEUE = env("TEST_CELERY_QUEUE", default="coopportal-tests")
BULK_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-bulk"
