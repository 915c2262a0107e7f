"""`make run`'s SQLite database, migrated once for the whole test run.

Migrating an empty SQLite file takes about 17 s of CPU (the rebuilt tables of SQLite's ALTERs), and
four tests start from one: the smoke tour, the SQLite search, the demo tour of the settings and the
demo staff's enrolment. `make_run_sqlite(path)` copies, to `path`, one SQLite file migrated by
`manage.py migrate --noinput` with `make run`'s settings (coopportal.settings.local) from empty:
built once for all the xdist workers (a lock beside the session's temporary directories), then
copied. Each test still runs its own `migrate` first, as `make run` does (a no-op unless a
migration is missing from the copy), and everything after it; if migrating from empty fails, every
test using the fixture errors with the command's output.
"""

import fcntl
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def make_run_env(database: Path, media: Path) -> dict:
    """The environment of `make run` (its Makefile's LOCAL) on `database`, without the tests'."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TEST_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coopportal.settings.local",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


def _migrated_template(directory: Path) -> Path:
    template = directory / "make-run-migrated.sqlite3"
    with open(directory / "make-run-migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the first one's migrate
        if not template.exists():
            building = directory / f"make-run-building-{os.getpid()}.sqlite3"
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput"],
                cwd=ROOT,
                env=make_run_env(building, directory / "media"),
                capture_output=True,
                text=True,
                timeout=600,
            )
            if result.returncode != 0:
                building.unlink(missing_ok=True)
                pytest.fail(
                    "`manage.py migrate` of an empty SQLite file (make run) failed:\n"
                    + (result.stdout + result.stderr)[-4000:],
                    pytrace=False,
                )
            building.rename(template)
    return template


@pytest.fixture(scope="session")
def make_run_sqlite(tmp_path_factory, worker_id):
    """`make_run_sqlite(path)`: a copy, at `path`, of an empty SQLite file migrated by `make run`'s
    `manage.py migrate` (once per test run). Returns `path`."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the directory all the xdist workers' directories are in
    template = _migrated_template(shared)

    def copy(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
            source.backup(target)
        source.close()
        target.close()
        return path

    return copy
