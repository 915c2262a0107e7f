"""`make backup` / `make restore`: a backup restored into a fresh database holds the same rows and
the same files; a damaged or unsafe backup is refused before anything is written."""

import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coopportal.core import backup as backups
from tests.factories import MembershipRequestFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, database, media):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopportal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _row_counts(cursor):
    cursor.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _files(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(tmp_path):
    for _ in range(3):
        MembershipRequestFactory()
    person = UserFactory(email="backup.person@example.org")
    media = tmp_path / "media"
    (media / "exports" / "board").mkdir(parents=True)
    (media / "exports" / "board" / "raccomandazioni.csv").write_text("titolo;stato\nA;B\n")
    (media / "spaces").mkdir()
    (media / "spaces" / "foto.png").write_bytes(bytes(range(256)) * 40)
    source = connection.settings_dict["NAME"]
    fresh = f"{source}_restored"
    admin = "postgres://postgres@127.0.0.1:5432/postgres"

    out = _manage("backup", "--output", str(tmp_path / "backup"), database=source, media=media)
    assert "Backup written" in out
    assert {p.name for p in (tmp_path / "backup").iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored_media = tmp_path / "restored-media"
        _manage("restore", str(tmp_path / "backup"), "--yes", database=fresh, media=restored_media)
        with connection.cursor() as cursor:
            expected = _row_counts(cursor)
        fresh_url = f"postgres://postgres@127.0.0.1:5432/{fresh}"
        with psycopg.connect(fresh_url) as conn, conn.cursor() as cursor:
            restored = _row_counts(cursor)
            cursor.execute("SELECT email FROM accounts_user WHERE id = %s", [person.pk])
            assert cursor.fetchone() == (person.email,)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    assert expected["accounts_user"] >= 4
    assert restored == expected
    assert _files(restored_media) == _files(media)


@pytest.fixture
def sqlite_backup(tmp_path, settings):
    """A backup folder made by hand in the SQLite layout, for the refusal tests (no database
    is touched: every refusal comes before the restore writes anything)."""
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / backups.DATABASE_DUMP).write_bytes(b"not really a dump")
    with tarfile.open(folder / backups.MEDIA_ARCHIVE, "w:gz") as tar:
        data = b"escape"
        member = tarfile.TarInfo("../../outside.txt")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    return folder


def _write_manifest(folder, engine="postgresql"):
    import json

    files = {
        name: {"sha256": backups._digest(folder / name), "bytes": (folder / name).stat().st_size}
        for name in (backups.DATABASE_DUMP, backups.MEDIA_ARCHIVE)
    }
    (folder / backups.MANIFEST).write_text(
        json.dumps({"created": "x", "engine": engine, "files": files})
    )


@pytest.mark.django_db
def test_restore_asks_for_confirmation(sqlite_backup):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(sqlite_backup))


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_is_written(sqlite_backup, settings, tmp_path):
    _write_manifest(sqlite_backup)
    (sqlite_backup / backups.DATABASE_DUMP).write_bytes(b"changed after the backup")
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(sqlite_backup), "--yes")
    assert not (tmp_path / "media").exists()


@pytest.mark.django_db
def test_a_backup_of_another_engine_is_refused(sqlite_backup):
    _write_manifest(sqlite_backup, engine="sqlite")
    with pytest.raises(CommandError, match="sqlite database"):
        call_command("restore", str(sqlite_backup), "--yes")


@pytest.mark.django_db
def test_an_archive_with_a_member_outside_the_media_folder_is_refused_before_any_write(
    sqlite_backup, settings, tmp_path
):
    _write_manifest(sqlite_backup)
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="unsafe member"):
        call_command("restore", str(sqlite_backup), "--yes")
    assert not (tmp_path / "media").exists()
    assert not (tmp_path.parent / "outside.txt").exists()
    # the database was not touched: pg_restore of the fake dump would have failed first
    from coopportal.accounts.models import User

    assert User.objects.count() == 0
