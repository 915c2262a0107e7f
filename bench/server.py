"""The portal as production runs it, on loopback: gunicorn, a Celery worker and beat.

`Server(database, workdir)` is a context manager: it flushes the bench's own Redis database
(FLUSHDB on its number, never another), collects the static files (once: static_root()), starts
the three processes (each in a session of its own, logs in `workdir`), waits for /healthz and
stops them all on leaving, even after a failure.
"""

import hashlib
import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

from bench.common import HOST, PORT, PYTHON, REDIS_URL, ROOT, django_env, env_int

BIN = os.path.dirname(PYTHON)
# 2 × cores + 1 sync workers, for the 2 cores the budgets are written for
WORKERS = env_int("BENCH_WORKERS", 5)


def flush_bench_redis():
    """Empty the bench's Redis database (its number only: the server is shared)."""
    client = redis.Redis.from_url(REDIS_URL)
    number = client.connection_pool.connection_kwargs.get("db", 0)
    if number == 0:
        raise RuntimeError("the bench never flushes Redis database 0: set BENCH_REDIS_URL to /5")
    client.flushdb()


def static_root():
    """A directory of collected static files, kept between runs (collectstatic with compression
    takes most of a minute): named after the portal's static sources and the installed packages."""
    from importlib.metadata import distributions

    digest = hashlib.sha256()
    for directory in sorted(ROOT.glob("**/static")):
        if ".venv" in directory.parts or "staticfiles" in directory.parts:
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                )
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions()):
        digest.update(dist.encode())
    return Path(tempfile.gettempdir()) / "coopportal-bench-static" / digest.hexdigest()[:16]


class Server:
    def __init__(self, database, workdir, log=print):
        self.database = database
        self.workdir = workdir
        self.log = log
        self.processes = {}
        self.env = django_env(
            database,
            DJANGO_STATIC_ROOT=str(static_root()),
            DJANGO_MEDIA_ROOT=str(workdir / "media"),
        )

    @property
    def url(self):
        return f"http://{HOST}:{PORT}"

    def _start(self, name, command):
        out = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[name] = (
            subprocess.Popen(
                command,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            ),
            out,
        )

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        flush_bench_redis()
        static = Path(self.env["DJANGO_STATIC_ROOT"])
        if not (static / "staticfiles.json").exists():
            self.log(f"collecting the static files into {static}")
            subprocess.run(
                [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                env=self.env,
                cwd=ROOT,
                check=True,
            )
        self._start(
            "gunicorn",
            [
                f"{BIN}/gunicorn",
                "coopportal.core.bench:make_application()",
                "--bind",
                f"{HOST}:{PORT}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
        )
        celery = [f"{BIN}/celery", "-A", "coopportal"]
        # the default queue and the bulk one (exports, reports, large fan-outs: settings.BULK_QUEUE)
        queues = os.environ.get("BENCH_CELERY_QUEUES", "celery,bulk")
        self._start(
            "worker",
            [
                *celery,
                "worker",
                "-l",
                "warning",
                "--concurrency",
                "1",
                *(["-Q", queues] if queues else []),
            ],
        )
        self._start(
            "beat",
            [*celery, "beat", "-l", "warning", "--schedule", str(self.workdir / "beat-schedule")],
        )
        self.wait_ready()

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, (process, _out) in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited ({process.returncode}): see {name}.log")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        self.log(f"server ready on {self.url} ({WORKERS} gunicorn workers)")
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the server did not answer /healthz in time: see gunicorn.log")

    def stop(self):
        for process, _out in list(self.processes.values()):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, (process, out) in list(self.processes.items()):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            out.close()
            del self.processes[name]
