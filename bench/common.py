"""What the benchmark's modules share: paths, addresses, the environment of its processes."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
# the shared Redis: the bench owns this database number alone and flushes only it (FLUSHDB)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SCALES = {"10k": 100, "100k": 1000}


def database_url(name):
    return f"{PG_URL}/{name}"


def django_env(database, *, redis=True, **extra):
    """The environment of a process that runs the portal under the bench settings."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="coopportal.settings.bench",
        DATABASE_URL=database_url(database),
        SITE_URL=f"http://{HOST}:{PORT}",
        PYTHONPATH=str(ROOT),
        DJANGO_LOG_LEVEL="WARNING",
    )
    if redis:
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def env_float(name, default):
    return float(os.environ.get(name, default))


def env_int(name, default):
    return int(os.environ.get(name, default))
