import os
import subprocess
import sys
import threading
import time

import pytest

from coopportal.celery import app
from tests.celery_worker import ROOT, celery_env, forget_queue

pytestmark = pytest.mark.django_db(transaction=True)


def test_celery_reads_the_django_settings_and_finds_every_apps_tasks(settings):
    app.loader.import_default_modules()
    assert "notifications.send_outgoing_emails" in app.tasks
    assert "notifications.dispatch_pending_emails" in app.tasks
    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.timezone == "Europe/Rome"
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


def test_beat_starts_with_one_command_and_sends_what_the_database_schedules(settings, redis_url):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    queue = f"coopportal-beat-test-{os.getpid()}"
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="wiring check", task="celery.backend_cleanup", interval=every_second, queue=queue
    )
    env = celery_env(settings, REDIS_URL=redis_url)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coopportal",
            "beat",
            "-l",
            "debug",
            "--pidfile=",
            "--max-interval",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if "Sending due task wiring check" in "".join(lines):
                break
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=20)
        reader.join(timeout=5)
        forget_queue(redis_url, queue)
    log = "".join(lines)
    assert "beat: Starting" in log, log
    assert "Sending due task wiring check (celery.backend_cleanup)" in log, log
