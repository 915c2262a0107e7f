"""Redis stopped while people post, enrol and apply (its own redis-server on a free port, broker
and cache both, never the shared one): each request succeeds within 1 s, nothing is lost (the
rows and their outbox e-mails are in the database), and when Redis returns the beat job hands
the e-mails to a real worker, which delivers each exactly once."""

import shutil
import time

import pytest
from django.urls import reverse

from calls.models import Application
from calls.services import applications as calls_services
from coopportal.notifications import services as notifications
from coopportal.notifications.models import OutgoingEmail
from coopportal.notifications.registry import Channel
from coopportal.notifications.tasks import dispatch_pending_emails
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory, staff_user
from tests.notifications.test_faults import OwnRedis, wait_until
from tests.training.factories import CourseFactory
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from training.models import Enrolment
from workgroups.models import Post
from workgroups.services import discussion

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.stop()


@pytest.fixture
def broker_url(own_redis):
    return own_redis.url


@pytest.fixture
def redis_cache(settings, own_redis):
    """The portal's cache on the same Redis, as in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": own_redis.url,
        }
    }


def immediately(user, kind):
    notifications.preferences_set(user=user, channels={kind: Channel.IMMEDIATE})
    return user


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


def test_redis_down_while_people_post_enrol_and_apply_then_each_email_arrives_once(
    own_redis, redis_cache, celery_broker, smtp_sink, start_worker, client, settings
):
    settings.NOTIFICATIONS_REDISPATCH_AFTER = 0
    # a discussion with a follower, a course, a call with a draft ready to submit
    group = WorkingGroupFactory()
    follower = immediately(MembershipFactory(group=group).user, "workgroups.new_post")
    writer = MembershipFactory(group=group).user
    thread = discussion.thread_create(group=group, by=follower, title="Orto", body="Chi viene?")
    course = CourseFactory(capacity=5, sessions=1)
    learner = immediately(UserFactory(member=True), "training.enrolled")
    call = FundingCallFactory(deadlines=(40,), internal_deadline_days=10)
    lead = UserFactory(member=True)
    draft = calls_services.application_create(
        call=call, by=lead, title="Teatro", summary="Per il quartiere", requested_amount="1000"
    )
    immediately(staff_user(), "calls.application_submitted")
    OutgoingEmail.objects.all().delete()  # only what the three requests cause is counted

    client.force_login(writer)
    assert client.get(thread.get_absolute_url()).status_code == 200  # a warm server
    notifications.enqueue_outgoing_emails([])  # the broker connection pool is built

    own_redis.stop()  # Redis goes down: broker and cache
    done = []
    client.force_login(writer)
    done.append(timed(lambda: client.post(thread.get_absolute_url(), {"body": "Io vengo."})))
    client.force_login(learner)
    done.append(timed(lambda: client.post(reverse("training:course_enrol", args=[course.pk]))))
    client.force_login(lead)
    path = reverse("calls:application_move", args=[draft.pk, "submit"])
    done.append(timed(lambda: client.post(path)))

    assert [response.status_code for response, _ in done] == [302, 302, 302]
    assert all(seconds < 1 for _, seconds in done), [round(s, 2) for _, s in done]
    # nothing lost: the rows, and an outbox e-mail for each person told
    assert Post.objects.filter(thread=thread, body="Io vengo.").exists()
    assert Enrolment.objects.get(course=course, user=learner).status == "confirmed"
    assert Application.objects.get(pk=draft.pk).status == Application.Status.SUBMITTED
    pending = OutgoingEmail.objects.filter(status="pending")
    kinds = set(pending.values_list("kind", flat=True))
    assert {"calls.application_submitted", "training.enrolled", "workgroups.new_post"} <= kinds
    recipients = sorted(pending.values_list("recipient__email", flat=True))
    count = len(recipients)

    own_redis.start()  # Redis is back, on the same address
    start_worker()
    assert dispatch_pending_emails() == count  # the beat job (it ignores the breaker) sends them
    messages = smtp_sink.wait_for(count)
    assert sorted(m["To"] for m in messages) == recipients
    assert wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == count)
    dispatch_pending_emails()  # beat runs again: nothing is sent twice
    time.sleep(1)
    assert len(smtp_sink.messages) == count
    assert len({m["Message-ID"] for m in smtp_sink.messages}) == count


def test_the_breaker_skips_the_dead_broker_then_closes_when_it_answers(
    own_redis, celery_broker, participant, caplog, settings
):
    """One failed publish opens the breaker: the next enqueues do not touch the broker at all (no
    wait, no connection); the beat job's enqueue probes it and, once Redis answers, closes it."""
    settings.NOTIFICATIONS_REDISPATCH_AFTER = 0
    caplog.set_level("INFO", logger="coopportal.notifications.services")
    notifications.notify("accounts.membership_approved", [participant], context={"number": "1"})
    row = OutgoingEmail.objects.get()
    own_redis.stop()

    assert notifications.enqueue_outgoing_emails([row.pk]) is False
    assert notifications.broker_breaker.is_open
    started = time.monotonic()
    for _ in range(20):
        assert notifications.enqueue_outgoing_emails([row.pk]) is False
    assert time.monotonic() - started < 0.1
    assert caplog.text.count("Broker unavailable") == 1
    assert caplog.text.count("Broker breaker open") == 20

    own_redis.start()
    assert notifications.enqueue_outgoing_emails([row.pk]) is False  # still open: skipped
    assert dispatch_pending_emails() == 1  # beat probes the broker, which answers
    assert not notifications.broker_breaker.is_open
    assert notifications.enqueue_outgoing_emails([row.pk]) is True
