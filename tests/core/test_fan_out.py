"""`fan_out`: one message per id on the real Redis broker, sent after the transaction commits."""

import base64
import json

import pytest
import redis
from django.db import transaction

from coopportal.core.tasks import fan_out
from coopportal.notifications.tasks import build_digest

pytestmark = pytest.mark.django_db(transaction=True)  # real commits and rollbacks


@pytest.fixture
def queued(celery_broker):
    """The messages waiting on this test's own queue: (task name, args) each."""
    client = redis.Redis.from_url(celery_broker["url"])

    def read():
        raw = client.lrange(celery_broker["queue"], 0, -1)
        messages = [json.loads(item) for item in raw]
        return sorted((m["headers"]["task"], tuple(json.loads(_body(m))[0])) for m in messages)

    yield read
    client.close()


def _body(message):
    return base64.b64decode(message["body"])


def test_outside_a_transaction_one_message_per_id_leaves_at_once(queued):
    assert fan_out(build_digest, iter([3, 1, 2])) == 3
    assert queued() == [("notifications.build_digest", (pk,)) for pk in (1, 2, 3)]


def test_inside_a_transaction_the_messages_wait_for_the_commit(queued):
    with transaction.atomic():
        assert fan_out(build_digest, [7, 8]) == 2
        assert queued() == []  # a worker would not find uncommitted rows
    assert queued() == [("notifications.build_digest", (7,)), ("notifications.build_digest", (8,))]


def test_a_rolled_back_transaction_sends_nothing(queued):
    with pytest.raises(RuntimeError), transaction.atomic():
        fan_out(build_digest, [5])
        raise RuntimeError
    assert queued() == []


def test_no_ids_no_message(queued):
    assert fan_out(build_digest, []) == 0
    assert queued() == []
