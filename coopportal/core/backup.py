"""Backups of the portal's data: the database and the media files, in one folder.

`make backup` (manage.py backup) writes a folder `backups/<UTC time>/` holding
- `database.dump`: pg_dump's custom format (compressed, restorable table by table with
  pg_restore), or `database.sqlite3` on the `make run` path (SQLite's online backup API);
- `media.tar.gz`: every file under MEDIA_ROOT (documents, exports, reports, certificates, photos);
- `manifest.json`: when, which engine, and the SHA-256 and size of the two files.

`make restore BACKUP=<folder>` (manage.py restore) checks the manifest's checksums, loads the
database into the database the settings name (meant to be a new, empty one: pg_restore --clean
replaces the portal's tables) and unpacks the media files into MEDIA_ROOT. Archive members that
would land outside MEDIA_ROOT (absolute paths, `..`, links) are refused (tarfile's "data" filter).

pg_dump and pg_restore are PostgreSQL's own tools; no library does this better, so the code here
only builds their command lines from the settings and checks the result.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # fixed command lines only  # nosec B404
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

DATABASE_DUMP = "database.dump"
DATABASE_SQLITE = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _digest(path):
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _pg_environment(database):
    """The libpq environment for the default database: the password never on a command line."""
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    environment["PGDATABASE"] = database["NAME"]
    return environment


def _run(command, environment):
    try:
        result = subprocess.run(  # noqa: S603 - PostgreSQL's tools, arguments from settings  # nosec B603
            command, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed: {exc}") from exc
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(folder=None):
    """Write a backup folder and return its path."""
    database = settings.DATABASES["default"]
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    folder = Path(folder or Path(settings.BASE_DIR) / "backups" / stamp)
    folder.mkdir(parents=True, exist_ok=False)
    engine = connection.vendor
    if engine == "postgresql":
        dump = folder / DATABASE_DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}"],
            _pg_environment(database),
        )
    elif engine == "sqlite":
        dump = folder / DATABASE_SQLITE
        source = sqlite3.connect(database["NAME"])
        target = sqlite3.connect(dump)
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:  # pragma: no cover - the portal runs on these two
        raise BackupError(f"No backup for the {engine} engine.")

    media_root = Path(settings.MEDIA_ROOT)
    archive = folder / MEDIA_ARCHIVE
    with tarfile.open(archive, "w:gz") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
    manifest = {
        "created": timezone.now().isoformat(),
        "engine": engine,
        "files": {
            name.name: {"sha256": _digest(name), "bytes": name.stat().st_size}
            for name in (dump, archive)
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def _checked_manifest(folder):
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} holds no readable {MANIFEST}: {exc}") from exc
    for name, facts in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or _digest(path) != facts.get("sha256"):
            raise BackupError(f"{path} is missing or damaged (its checksum differs).")
    return manifest


def restore(folder):
    """Load the backup in `folder` into the configured database and MEDIA_ROOT."""
    folder = Path(folder)
    manifest = _checked_manifest(folder)
    engine = connection.vendor
    if manifest.get("engine") != engine:
        raise BackupError(
            f"The backup is of a {manifest.get('engine')} database; this portal runs on {engine}."
        )
    media_root = Path(settings.MEDIA_ROOT)
    _check_media_archive(folder / MEDIA_ARCHIVE, media_root)
    database = settings.DATABASES["default"]
    connection.close()
    if engine == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                f"--dbname={database['NAME']}",
                str(folder / DATABASE_DUMP),
            ],
            _pg_environment(database),
        )
    else:
        shutil.copyfile(folder / DATABASE_SQLITE, database["NAME"])

    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as tar:
        tar.extractall(media_root, filter="data")  # checked above  # nosec B202
    return manifest


def _check_media_archive(path, media_root):
    """Refuse the whole archive, before anything is written, if one member would land outside
    MEDIA_ROOT or is a link or a device (tarfile's "data" filter, member by member)."""
    with tarfile.open(path, "r:gz") as tar:
        for member in tar.getmembers():
            try:
                tarfile.data_filter(member, str(media_root))
            except tarfile.FilterError as exc:
                raise BackupError(f"The media archive holds an unsafe member: {exc}") from exc
