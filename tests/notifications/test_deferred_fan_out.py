"""A notification to many people: the caller's request only sends tasks (on the bulk queue, after
its commit); a real worker writes every row once, even when a task is delivered twice; people's
own notifications keep the default queue."""

import base64
import json
import time

import pytest
import redis
from django.db import transaction

from calls.notifications import APPLICATION_STATUS
from coopportal.notifications import services
from coopportal.notifications.models import Notification, OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # real commits; a real worker reads them


@pytest.fixture
def many(settings):
    """Six people, more than the deferral threshold, written four a task."""
    settings.NOTIFICATIONS_DEFER_ABOVE = 3
    settings.NOTIFICATIONS_DEFER_BATCH = 4
    return [UserFactory() for _ in range(6)]


def raw_messages(broker, queue):
    client = redis.Redis.from_url(broker["url"])
    try:
        return client.lrange(queue, 0, -1)
    finally:
        client.close()


def task_of(raw):
    message = json.loads(raw)
    args = json.loads(base64.b64decode(message["body"]))[0]
    return message["headers"]["task"], args


def notify_many(people):
    with transaction.atomic():
        count = services.notify(APPLICATION_STATUS.name, people, context={"application": "Bando"})
        assert count == len(people)
        assert not Notification.objects.exists()  # nothing written in the request


def test_a_large_notify_only_sends_tasks_to_the_bulk_queue_after_the_commit(celery_broker, many):
    with transaction.atomic():
        services.notify(APPLICATION_STATUS.name, many, context={"application": "Bando"})
        assert raw_messages(celery_broker, celery_broker["bulk_queue"]) == []  # not before
    tasks = [task_of(raw) for raw in raw_messages(celery_broker, celery_broker["bulk_queue"])]
    assert sorted(len(ids) for _name, (_payload, ids) in tasks) == [2, 4]
    assert {name for name, _args in tasks} == {"notifications.write_notifications"}
    assert sorted(pk for _name, (_payload, ids) in tasks for pk in ids) == sorted(
        person.pk for person in many
    )
    assert raw_messages(celery_broker, celery_broker["queue"]) == []
    assert not Notification.objects.exists()


def test_a_rolled_back_large_notify_sends_nothing(celery_broker, many):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(APPLICATION_STATUS.name, many, context={"application": "Bando"})
        raise RuntimeError
    assert raw_messages(celery_broker, celery_broker["bulk_queue"]) == []


def test_a_small_notify_is_written_in_the_callers_transaction(celery_broker, many):
    with transaction.atomic():
        services.notify(APPLICATION_STATUS.name, many[:3], context={"application": "Bando"})
        assert Notification.objects.count() == 3
    assert raw_messages(celery_broker, celery_broker["bulk_queue"]) == []
    queued = [task_of(raw)[0] for raw in raw_messages(celery_broker, celery_broker["queue"])]
    assert queued == ["notifications.send_outgoing_emails"]  # people's e-mails: default queue


def test_a_real_worker_writes_every_row_once_even_if_a_task_comes_twice(
    celery_broker, many, start_worker, smtp_sink
):
    notify_many(many)
    client = redis.Redis.from_url(celery_broker["url"])
    for raw in client.lrange(celery_broker["bulk_queue"], 0, -1):
        client.lpush(celery_broker["bulk_queue"], raw)  # each part delivered twice
    client.close()
    worker = start_worker()
    messages = smtp_sink.wait_for(len(many))
    deadline = time.monotonic() + 30
    while raw_messages(celery_broker, celery_broker["bulk_queue"]) and time.monotonic() < deadline:
        time.sleep(0.2)  # the repeated parts, too
    time.sleep(1)
    log = "".join(worker.log)
    assert Notification.objects.count() == len(many), log
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        person.pk for person in many
    )
    assert OutgoingEmail.objects.count() == len(many)
    assert len({row.created_at for row in Notification.objects.all()}) == 1  # the call's time
    assert len(messages) == len(many)
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(p.email for p in many)


def test_without_a_broker_a_large_notify_is_written_after_the_commit(settings, many):
    from coopportal.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    try:
        notify_many(many)
    finally:
        app.conf.update(broker_url=saved[0], task_always_eager=saved[1])
        app._pool = None
        app.amqp._producer_pool = None
    assert Notification.objects.count() == len(many)


@pytest.mark.parametrize("insert", ["_insert_sql", "_insert_orm"])
def test_both_insert_paths_write_a_part_once(insert, many):
    from django.utils import timezone

    now = timezone.now()
    fields = {
        "kind": APPLICATION_STATUS.name,
        "default_channel": APPLICATION_STATUS.channel,
        "actor_id": None,
        "target_type_id": None,
        "target_id": "",
        "url": "",
        "context": {},
        "now": now,
        "once": True,
    }
    ids = sorted(person.pk for person in many)
    assert getattr(services, insert)(ids=ids[:4], **fields)[0] == 4
    count, outbox = getattr(services, insert)(ids=ids, **fields)
    assert (count, len(outbox)) == (2, 2)  # only the two not written yet
    assert Notification.objects.count() == OutgoingEmail.objects.count() == 6
