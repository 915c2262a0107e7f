"""A real Celery worker, a real Redis broker and a real SMTP sink for the delivery tests.

The worker is a separate process running `celery -A coopportal worker` against the shared local
Redis (its own queue name, never a flush) and the test database (tests using it commit their data:
`django_db(transaction=True)`). E-mail leaves through SMTP to an aiosmtpd
server in this process.
"""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """Collects every message it accepts; `wait_for(n)` blocks until n have arrived.

    `fail_next = n` answers the next n messages with a temporary error (451); `hold_next()` makes
    the next message wait, unanswered, until the returned event is set (a send caught mid-way).
    A message is delivered only when the sink answers 250, as with a real SMTP server.
    """

    def __init__(self):
        self.messages = []
        self.sessions = 0
        self.fail_next = 0
        self._hold = None
        self.holding = threading.Event()
        self._lock = threading.Condition()

    def hold_next(self):
        self._hold = threading.Event()
        return self._hold

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self._hold is not None:
            hold, self._hold = self._hold, None
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, hold.wait, 60)
            return "451 4.3.0 Interrupted"
        if self.fail_next:
            self.fail_next -= 1
            return "451 4.3.0 Try again later"
        with self._lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self._lock.notify_all()
        return "250 OK"

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._lock.wait(remaining)
            return list(self.messages)


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


def celery_env(settings, **extra):
    """The environment of a Celery process that shares this test's database."""
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="coopportal.settings.test",
        DATABASE_URL=(
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        **extra,
    )
    return env


class WorkerProcess:
    def __init__(self, *, env, queue, app="coopportal", pool="solo"):
        self.env = env
        self.queue = queue
        self.app = app  # the module `celery -A` loads (a test may wrap the portal's app)
        self.pool = pool  # solo: the task runs in the worker; prefork: in a child process
        self.process = None
        self.log = []

    def start(self, timeout=60):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                self.app,
                "worker",
                "--pool",
                self.pool,
                "--concurrency",
                "1",
                "-Q",
                f"{self.queue},{self.queue}-bulk",  # its default and bulk queues (settings/test.py)
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        ready = threading.Event()

        def pump():
            for line in self.process.stdout:
                self.log.append(line)
                if "ready." in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise RuntimeError("Celery worker did not start:\n" + "".join(self.log))
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def broker_url(redis_url):
    """The broker the delivery tests use; a test module may override it (its own Redis)."""
    return redis_url


@pytest.fixture
def celery_broker(settings, broker_url):
    """Route this process's tasks to Redis (not inline) on a queue of this test's own."""
    from coopportal.celery import app

    queue = f"coopportal-test-{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    settings.BULK_QUEUE = f"{queue}-bulk"  # the router's (coopportal/celery.py)
    _forget_connections(app)
    yield {"queue": queue, "bulk_queue": settings.BULK_QUEUE, "url": broker_url}
    app.conf.update(saved)
    _forget_connections(app)
    import redis

    with contextlib.suppress(OSError, redis.exceptions.ConnectionError):  # that Redis may be gone
        forget_queue(broker_url, queue)
        forget_queue(broker_url, f"{queue}-bulk")


def forget_queue(redis_url, queue):
    """Remove this test's own queue and kombu's bookkeeping of it (never anything else)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    finally:
        client.close()


def _forget_connections(app):
    """Make the app build its connection and producer pools again from its new configuration."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def start_worker(celery_broker, smtp_sink, settings):
    """Start worker processes (as many as a test needs); all are stopped at the end."""
    workers = []

    def start(app="coopportal", pool="solo", **extra_env):
        env = celery_env(
            settings,
            REDIS_URL=celery_broker["url"],
            TEST_WORKER_EMAIL_URL=f"smtp://127.0.0.1:{smtp_sink.port}",
            TEST_CELERY_QUEUE=celery_broker["queue"],
            **extra_env,
        )
        worker = WorkerProcess(env=env, queue=celery_broker["queue"], app=app, pool=pool).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def celery_worker(start_worker):
    """A worker process that shares the test database and sends e-mail to `smtp_sink`."""
    return start_worker()
