import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, drop=(), **env):
    """Run manage.py in a fresh process: this environment less DJANGO_* and `drop`, plus `env`."""
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in drop
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "coopportal.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "portal.example.coop",
    "SITE_URL": "https://portal.example.coop",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DATABASE_URL": "sqlite:///x.sqlite3"}, "PostgreSQL"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(override, message):
    result = manage("check", **{**PRODUCTION, **override})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("required", ["DJANGO_ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without_allowed_hosts_or_site_url(required):
    env = {k: v for k, v in PRODUCTION.items() if k != required}
    result = manage("check", drop={required}, **env)
    assert result.returncode != 0
    assert required in result.stderr


def test_test_settings_refuse_sqlite():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="coopportal.settings.test", DATABASE_URL="sqlite:///t.db"
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def local_settings_print(expression, **env):
    """Print `expression` from the local settings in a fresh process, with only `env` set."""
    result = manage(
        "shell",
        "-c",
        f"from django.conf import settings; print({expression})",
        drop={"DATABASE_URL", "REDIS_URL"},
        **{"DJANGO_SETTINGS_MODULE": "coopportal.settings.local", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


BACKEND = "settings.CACHES['default']['BACKEND'].rsplit('.', 1)[1]"


def test_local_settings_default_to_sqlite_and_inline_tasks():
    printed = local_settings_print(
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER,"
        f" {BACKEND}, settings.LANGUAGE_CODE, settings.TIME_ZONE"
    )
    assert printed[-5:] == [
        "django.db.backends.sqlite3",
        "True",
        "LocMemCache",
        "it",
        "Europe/Rome",
    ]


def test_redis_url_switches_on_the_broker_and_the_shared_cache():
    printed = local_settings_print(
        f"settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER, {BACKEND}",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert printed[-3:] == ["redis://127.0.0.1:6379/3", "False", "RedisCache"]


SQLITE_TOUR = """
from django.test import Client
from workgroups.models import Proposal, WorkingGroup
from workgroups.services import proposals
from coopportal.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")
assert client.login(email="socia@demo.coop", password="coop-demo-2026")
group = WorkingGroup.objects.get(slug="formazione")
published = Proposal.objects.filter(status="published").first()
draft = proposals.proposal_create(
    group=group, by=User.objects.get(email="socia@demo.coop"), title="Prova", summary="S", body="B"
)
paths = ["/", "/dashboard/", "/groups/", group.get_absolute_url(), published.get_absolute_url(),
         draft.get_absolute_url(), "/groups/emerged/", "/notifications/", "/healthz"]
print("STATUSES", *[client.get(path).status_code for path in paths])
"""


def test_make_run_path_works_on_sqlite_with_the_demo_data(tmp_path, make_run_sqlite):
    """What `make run` does on a fresh machine: SQLite, tasks inline, demo data, pages served."""
    env = {
        "DJANGO_SETTINGS_MODULE": "coopportal.settings.local",
        "DATABASE_URL": f"sqlite:///{make_run_sqlite(tmp_path / 'try.sqlite3')}",
    }
    for command in (["migrate", "--noinput"], ["seed_demo"], ["seed_demo"]):
        result = manage(*command, drop={"REDIS_URL"}, **env)
        assert result.returncode == 0, result.stderr[-3000:]
    result = manage("shell", "-c", SQLITE_TOUR, drop={"REDIS_URL"}, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = result.stdout.split("STATUSES", 1)[1].split()
    assert statuses == ["200"] * 9
