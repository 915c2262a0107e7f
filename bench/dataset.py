"""The benchmark's databases: created, migrated and seeded (`seed_demo --scale`) when missing,
reused while the seed code is unchanged.

The hash of every seed module (`seed*.py`, `seed/` packages, the seed_demo command) and every
migration is kept in the database's own table `bench_seed`; a database whose hash differs (or that
has none: an interrupted seeding) is dropped and seeded again, unless BENCH_KEEP_DATA=1 (a copy
of a database seeded elsewhere, used as it is).
"""

import hashlib
import os
import subprocess
import sys
import time

import psycopg

from bench.common import PYTHON, ROOT, database_url, django_env

SKIP = {".venv", "node_modules", ".git", "staticfiles", "media"}


def seed_sources(root=ROOT):
    """The files whose change makes a seeded database stale, sorted."""
    found = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if SKIP.intersection(parts) or parts[0] in {"tests", "bench"}:
            continue
        if path.name.startswith("seed") or "seed" in parts[:-1] or "migrations" in parts[:-1]:
            found.append(path)
    return sorted(found)


def seed_hash(root=ROOT):
    digest = hashlib.sha256()
    for path in seed_sources(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _admin():
    return psycopg.connect(database_url("postgres"), autocommit=True)


def stored_hash(name):
    with _admin() as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    with psycopg.connect(database_url(name), autocommit=True) as conn:
        row = conn.execute("SELECT to_regclass('bench_seed')").fetchone()
        if row[0] is None:
            return ""
        row = conn.execute("SELECT hash FROM bench_seed ORDER BY seeded_at DESC LIMIT 1").fetchone()
        return row[0] if row else ""


def ensure(name, scale, log=print):
    """The database `name` seeded at `scale` with today's seed code: seconds spent seeding (0 when
    it was reused)."""
    wanted = seed_hash()
    have = stored_hash(name)
    if have is not None and os.environ.get("BENCH_KEEP_DATA") == "1":
        log(f"dataset {name}: kept as it is (BENCH_KEEP_DATA=1, no seed check)")
        return 0.0
    if have == wanted:
        log(f"dataset {name}: reused (seed hash {wanted[:12]})")
        return 0.0
    log(f"dataset {name}: {'missing' if have is None else 'stale'}, seeding at scale {scale}")
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = django_env(name, redis=False)
    start = time.monotonic()
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    seed_start = time.monotonic()
    subprocess.run(
        [*manage, "seed_demo", "--scale", str(scale)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=sys.stderr,
    )
    seed_seconds = time.monotonic() - seed_start
    with psycopg.connect(database_url(name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_seed (hash text NOT NULL, scale integer NOT NULL,"
            " seconds double precision, seeded_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute(
            "INSERT INTO bench_seed (hash, scale, seconds) VALUES (%s, %s, %s)",
            [wanted, scale, seed_seconds],
        )
    log(f"dataset {name}: seeded in {time.monotonic() - start:.0f} s")
    return seed_seconds


def seeding_record(name):
    """The last seeding of `name`: scale and seconds (the budget "seeding ≤ 10 minutes")."""
    with psycopg.connect(database_url(name), autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('bench_seed')").fetchone()[0] is None:
            return None
        row = conn.execute(
            "SELECT scale, seconds, seeded_at FROM bench_seed ORDER BY seeded_at DESC LIMIT 1"
        ).fetchone()
    return {"scale": row[0], "seconds": row[1], "seeded_at": row[2].isoformat()} if row else None


if __name__ == "__main__":
    ensure(sys.argv[1], int(sys.argv[2]))
