"""`make run`'s configuration, visited whole: SQLite, tasks inline, demo data, every page of every
role and every export (the script run_make_run_path.py, in its own process, since the rest of the
suite runs on PostgreSQL)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def test_every_page_and_export_works_on_the_make_run_configuration(tmp_path, make_run_sqlite):
    scratch = Path(tempfile.mkdtemp(dir="/dev/shm")) if Path("/dev/shm").is_dir() else tmp_path
    make_run_sqlite(scratch / "make-run.sqlite3")  # migrated from empty once; the script migrates
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TEST_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coopportal.settings.local",  # what `make run` uses
        DATABASE_URL=f"sqlite:///{scratch / 'make-run.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(scratch / "media"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "run_make_run_path.py")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        subprocess.run(["rm", "-rf", str(scratch)], check=False)
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")]
    assert result.returncode == 0, "\n".join(problems) or result.stderr[-4000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["problems"] == 0
    assert summary["files"] >= 6  # CSV, XLSX, dossier, a kept export, ≥1 pack, the report
    assert summary["urls"] > 150
    assert not [status for status in summary["statuses"] if status.startswith("5")]
    assert summary["statuses"]["200"] > 300
