"""Delivery that loses nothing and sends nothing twice, with a real Redis and real workers.

The Redis these tests break is their own (a redis-server on a free port), never the shared one.
"""

import shutil
import subprocess
import time

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from coopportal.notifications.models import OutgoingEmail
from coopportal.notifications.tasks import dispatch_pending_emails
from tests.celery_worker import free_port
from tests.factories import MembershipRequestFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("own redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.stop()


@pytest.fixture
def broker_url(own_redis):
    return own_redis.url


def wait_until(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_redis_down_while_notifying_then_every_email_arrives_exactly_once(
    own_redis, celery_broker, smtp_sink, start_worker, staff_client, settings, caplog
):
    settings.NOTIFICATIONS_REDISPATCH_AFTER = 0
    caplog.set_level("INFO", logger="coopportal.notifications.services")
    requests = [MembershipRequestFactory(user=UserFactory(language="it")) for _ in range(3)]
    own_redis.stop()  # Redis goes down

    response = staff_client.post(
        reverse("admin:accounts_membershiprequest_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [r.pk for r in requests], "apply": "1"},
    )
    assert response.status_code == 302  # the staff's work succeeded all the same
    assert caplog.text.count("Broker unavailable") == 1  # Redis really was unreachable
    assert caplog.text.count("Broker breaker open") == 2  # the next ones did not wait for it
    assert OutgoingEmail.objects.filter(status="pending").count() == 3

    own_redis.start()  # Redis is back, on the same address
    start_worker()
    assert dispatch_pending_emails() == 3  # the beat job hands the rows to the worker
    messages = smtp_sink.wait_for(3)
    assert sorted(m["To"] for m in messages) == sorted(r.user.email for r in requests)
    assert wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == 3)

    # the beat job runs again, twice: nothing is sent twice
    dispatch_pending_emails()
    dispatch_pending_emails()
    time.sleep(2)
    assert len(smtp_sink.messages) == 3
    assert len({m["Message-ID"] for m in smtp_sink.messages}) == 3


def test_worker_killed_mid_send_then_the_email_arrives_exactly_once(
    celery_broker, smtp_sink, start_worker, settings
):
    from coopportal.notifications import services

    settings.NOTIFICATIONS_REDISPATCH_AFTER = 0
    settings.NOTIFICATIONS_CLAIM_TIMEOUT = 2
    person = UserFactory(email="paola@example.org")
    release = smtp_sink.hold_next()
    first = start_worker()

    services.notify("accounts.membership_approved", [person], context={"number": "SC-1"})
    assert smtp_sink.holding.wait(30), "".join(first.log)  # the worker is in the middle of DATA
    first.process.kill()  # SIGKILL: no cleanup, no acknowledgement
    first.process.wait()
    release.set()  # the half-sent message is answered with an error to a dead peer
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == ("sending", 1)
    assert smtp_sink.messages == []

    start_worker(NOTIFICATIONS_CLAIM_TIMEOUT="2")
    time.sleep(2.5)  # the dead worker's claim grows stale
    assert dispatch_pending_emails() == 1
    messages = smtp_sink.wait_for(1)
    assert [m["To"] for m in messages] == ["paola@example.org"]
    assert messages[0]["Message-ID"] == row.message_id  # same idempotency key as the first try
    assert wait_until(lambda: OutgoingEmail.objects.get().status == "sent")
    assert OutgoingEmail.objects.get().attempts == 2
    dispatch_pending_emails()
    time.sleep(1)
    assert len(smtp_sink.messages) == 1


@pytest.fixture
def dead_broker(settings):
    """A broker address where nothing listens (Redis is down)."""
    from coopportal.celery import app
    from tests.celery_worker import _forget_connections

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.update(broker_url=f"redis://127.0.0.1:{free_port()}/0", task_always_eager=False)
    _forget_connections(app)
    yield
    app.conf.update(broker_url=saved[0], task_always_eager=saved[1])
    _forget_connections(app)


def test_dispatch_with_redis_down_keeps_the_rows_and_does_not_raise(dead_broker, participant):
    from coopportal.notifications import services

    services.notify("accounts.membership_approved", [participant], context={"number": "SC-2"})
    row = OutgoingEmail.objects.get()
    assert services.enqueue_outgoing_emails([row.pk]) is False
    assert OutgoingEmail.objects.get().status == "pending"
