"""A Celery worker killed with SIGKILL in the middle of a task: a second worker runs it again,
once, and nothing is duplicated (the Celery settings in coopportal/settings/base.py: acks late,
reject on worker lost, the visibility timeout).

Everything here is the test's own: a redis-server on a free port (the broker; never the shared
Redis), two real worker processes on the test database, and a media folder. The first worker
(tests/faults/slow_worker.py) holds a board export after its first row until it is killed, so
the kill lands mid-task every time. The visibility timeout is shortened to a few seconds (in
production one hour), so Redis gives the unacknowledged message back while the test waits.
"""

import csv
import io
import os
import shutil
import signal
import time

import pytest
import redis
from django.urls import reverse

from board.models import ExportJob
from board.services import exports
from tests.notifications.test_faults import OwnRedis, wait_until
from tests.workgroups.factories import ProposalFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]

VISIBILITY_TIMEOUT = 4  # seconds (production: 3600)


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.stop()


@pytest.fixture
def broker_url(own_redis):
    return own_redis.url


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def broker_state(url, queues):
    """What Redis holds: messages waiting in the queues, messages delivered and not acknowledged."""
    client = redis.Redis.from_url(url)
    try:
        waiting = sum(client.llen(queue) for queue in queues)
        return waiting, client.hlen("unacked")
    finally:
        client.close()


def task_log(worker, task="board.build_export"):
    """How many times the worker received the task, and how many times it finished it."""
    lines = [line for line in worker.log if f"Task {task}[" in line]
    return sum("received" in line for line in lines), sum("succeeded" in line for line in lines)


def test_a_worker_killed_mid_export_then_a_second_worker_builds_it_once(
    own_redis, celery_broker, start_worker, board, board_client, settings
):
    settings.BOARD_EXPORT_ASYNC_ABOVE = 0
    titles = [f"Raccomandazione {n}" for n in range(5)]
    for title in titles:
        ProposalFactory(forwarded=True, title=title)
    worker_env = {
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    queues = [celery_broker["queue"], celery_broker["bulk_queue"]]
    started = time.monotonic()
    first = start_worker(app="tests.faults.slow_worker", **worker_env)

    job = exports.export_start(by=board, format="csv", filters={})  # queued on the bulk queue
    assert job is not None

    def mid_task():
        job.refresh_from_db()
        return job.status == ExportJob.Status.RUNNING and job.done_rows == 1

    assert wait_until(mid_task, timeout=30), "".join(first.log)
    seen_running = time.monotonic()  # the message was delivered before this moment
    first.process.kill()  # SIGKILL: no clean-up, no acknowledgement
    first.process.wait()

    job.refresh_from_db()
    assert job.status == ExportJob.Status.RUNNING and not job.file  # left half done
    assert media_files(settings) == []  # nothing half-written in the media folder
    assert broker_state(own_redis.url, queues) == (0, 1)  # the message is kept, unacknowledged

    # once the visibility timeout has passed, Redis gives the message to the next worker
    time.sleep(max(0.0, seen_running + VISIBILITY_TIMEOUT + 0.5 - time.monotonic()))
    second = start_worker(**worker_env)

    def done():
        job.refresh_from_db()
        return job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED)

    assert wait_until(done, timeout=30), "".join(second.log)
    assert job.status == ExportJob.Status.DONE, job.error
    assert (job.total, job.done_rows) == (5, 5)
    assert media_files(settings) == [f"board/exports/raccomandazioni-{job.pk}.csv"]  # one file

    # every recommendation once in the file, and once in what the board downloads
    response = board_client.get(reverse("board:export_download", args=[job.pk]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    written = [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell in titles]
    assert sorted(written) == sorted(titles)

    # the second worker ran it once and acknowledged it: nothing is left to run a third time
    assert task_log(first) == (1, 0)
    assert task_log(second) == (1, 1), "".join(second.log)
    assert wait_until(lambda: broker_state(own_redis.url, queues) == (0, 0), timeout=5)
    assert ExportJob.objects.count() == 1
    assert time.monotonic() - started < 60


def test_a_pool_process_killed_mid_export_is_replaced_and_the_export_built_once(
    own_redis, celery_broker, start_worker, board, settings, tmp_path
):
    """A prefork worker whose child process dies (SIGKILL, the OOM killer): reject on worker lost
    puts the message back at once — no visibility timeout to wait (it stays at one hour here) —
    and the worker's new child builds the export, once."""
    settings.BOARD_EXPORT_ASYNC_ABOVE = 0
    titles = [f"Raccomandazione {n}" for n in range(3)]
    for title in titles:
        ProposalFactory(forwarded=True, title=title)
    marker = tmp_path / "held-by"
    queues = [celery_broker["queue"], celery_broker["bulk_queue"]]
    started = time.monotonic()
    worker = start_worker(
        app="tests.faults.slow_worker",
        pool="prefork",
        SLOW_WORKER_MARKER=str(marker),
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    job = exports.export_start(by=board, format="csv", filters={})

    def mid_task():
        job.refresh_from_db()
        return job.status == ExportJob.Status.RUNNING and job.done_rows == 1

    assert wait_until(mid_task, timeout=30), "".join(worker.log)
    child = int(marker.read_text())
    assert child != worker.process.pid  # the task runs in the pool's child
    os.kill(child, signal.SIGKILL)

    def done():
        job.refresh_from_db()
        return job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED)

    assert wait_until(done, timeout=30), "".join(worker.log)
    assert job.status == ExportJob.Status.DONE, job.error
    assert (job.total, job.done_rows) == (3, 3)
    assert media_files(settings) == [f"board/exports/raccomandazioni-{job.pk}.csv"]
    with job.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    written = [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell in titles]
    assert sorted(written) == sorted(titles)
    log = "".join(worker.log)
    assert "WorkerLostError" in log or "SIGKILL" in log, log  # the child really died
    assert task_log(worker) == (2, 1), log  # handed back once, built once
    assert wait_until(lambda: broker_state(own_redis.url, queues) == (0, 0), timeout=5)
    assert time.monotonic() - started < 60
