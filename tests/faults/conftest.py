"""A real gunicorn on a free loopback port, serving the test database to the tests of a module.

The tests using it commit their data (`transactional_db`); people are logged in with real sessions
(rows in the test database the server reads) and real CSRF tokens (cookie and field).
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings

from tests.celery_worker import free_port

ROOT = Path(__file__).resolve().parents[2]
CSRF = "faultsfaultsfaultsfaultsfaults32"  # a 32-character CSRF secret, sent as cookie and field


class Portal:
    def __init__(self, url, process, log):
        self.url = url
        self.process = process
        self.log = log

    def session_for(self, user) -> requests.Session:
        """A browser of `user`: a real session row, a session cookie and a CSRF cookie."""
        from django.test import Client

        client = Client()
        client.force_login(user)
        browser = requests.Session()
        browser.cookies.set(django_settings.SESSION_COOKIE_NAME, client.cookies["sessionid"].value)
        browser.cookies.set(django_settings.CSRF_COOKIE_NAME, CSRF)
        browser.headers["Accept-Language"] = "en"
        browser.headers["Connection"] = "close"  # no idle keep-alive for gunicorn to drop
        return browser

    def post(self, browser, path, data=None, timeout=30):
        return browser.post(
            self.url + path,
            data={"csrfmiddlewaretoken": CSRF, **(data or {})},
            allow_redirects=False,
            timeout=timeout,
        )

    def get(self, browser, path, timeout=30):
        return browser.get(self.url + path, allow_redirects=False, timeout=timeout)


def _database_url():
    db = django_settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    """gunicorn (2 workers × 4 threads) on the test database, for the whole module."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.server_settings",
        DATABASE_URL=_database_url(),
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)  # tasks inline, cache in memory: the broker is not what is tested
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coopportal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = []
    threading.Thread(target=lambda: log.extend(process.stdout), daemon=True).start()
    try:
        yield _ready(process, log, f"http://127.0.0.1:{port}")
    finally:  # also when it never answered: no server outlives its module
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _ready(process, log, url) -> Portal:
    started = time.monotonic()
    deadline = started + 90
    while True:
        try:
            requests.get(url + "/", timeout=10)
            break
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + "".join(log)) from None
            time.sleep(0.2)
    print(f"gunicorn answered after {time.monotonic() - started:.1f} s")
    return Portal(url, process, log)


def at_once(calls, timeout=60):
    """Run each call in its own thread, released together; returns their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait(timeout=30)
        try:
            results[index] = call()
        except Exception as exc:  # a timeout or a refused connection: the test reports it
            results[index] = exc

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results
