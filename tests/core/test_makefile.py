"""`make run`: installs only when pyproject.toml changed, and serves with SITE_URL matching the
host and port it serves on (links in e-mails and PDFs)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


@pytest.fixture
def checkout(tmp_path):
    """The Makefile and pyproject.toml beside a virtualenv installed after pyproject changed."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "activate").touch()
    return tmp_path


def dry_run(directory, *args):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        ["make", "-n", *args], cwd=directory, env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def age(path, seconds):
    stamp = path.stat().st_mtime - seconds
    os.utime(path, (stamp, stamp))


def test_make_run_installs_once_then_only_when_pyproject_changes(checkout):
    assert "pip install --quiet -e ." in dry_run(checkout, "run")  # a new virtualenv
    (checkout / ".venv" / ".installed").touch()
    age(checkout / "pyproject.toml", 60)
    assert "pip install" not in dry_run(checkout, "run")
    assert "pip install" not in dry_run(checkout, "run")
    (checkout / "pyproject.toml").touch()  # a dependency added
    assert "pip install --quiet -e ." in dry_run(checkout, "run")


def test_make_run_builds_links_for_the_host_and_port_it_serves(checkout):
    commands = dry_run(checkout, "run", "HOST=0.0.0.0", "PORT=18400")
    assert "runserver 0.0.0.0:18400" in commands
    for command in ("migrate", "seed_demo", "runserver"):
        line = next(line for line in commands.splitlines() if f"manage.py {command}" in line)
        assert "SITE_URL=http://0.0.0.0:18400 " in line
    assert "SITE_URL=https://portal.example.coop " in dry_run(
        checkout, "run", "SITE_URL=https://portal.example.coop"
    )
