import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from coopportal.notifications import services
from coopportal.notifications.models import Notification, NotificationPreference, OutgoingEmail
from coopportal.notifications.registry import Channel, UnknownKind
from tests.factories import UserFactory
from tests.notifications.conftest import ROUTINE, URGENT

pytestmark = pytest.mark.django_db


def test_notify_refuses_an_unknown_kind_loudly_and_writes_nothing(member):
    with pytest.raises(UnknownKind):
        services.notify("tests.nobody_registered_this", [member])
    assert not Notification.objects.exists()


def test_notify_records_one_row_per_active_recipient_and_skips_the_actor():
    actor, first, second = UserFactory(), UserFactory(), UserFactory()
    gone = UserFactory(is_active=False)
    count = services.notify(
        URGENT.name, [actor, first, second, gone, first.pk], actor=actor, context={"name": "X"}
    )
    assert count == 2
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {first.pk, second.pk}


def test_notify_follows_each_persons_preference(django_capture_on_commit_callbacks, mailoutbox):
    default, digest, silent = UserFactory(), UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=digest, kind=URGENT.name, channel=Channel.DAILY)
    NotificationPreference.objects.create(user=silent, kind=URGENT.name, channel=Channel.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(URGENT.name, [default, digest, silent], context={"name": "Anna"})
    states = dict(Notification.objects.values_list("recipient_id", "email"))
    assert states == {default.pk: "immediate", digest.pk: "digest_pending", silent.pk: "none"}
    assert OutgoingEmail.objects.get().recipient == default
    assert [m.to for m in mailoutbox] == [[default.email]]


def test_routine_kinds_default_to_the_daily_digest(member):
    services.notify(ROUTINE.name, [member], context={"n": 1})
    assert Notification.objects.get().email == "digest_pending"
    assert not OutgoingEmail.objects.exists()


def test_notify_is_part_of_the_callers_transaction(member, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(URGENT.name, [member], context={"name": "X"})
        raise RuntimeError("the caller's change fails")
    assert not Notification.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert mailoutbox == []


def test_email_goes_out_only_after_commit(member, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(URGENT.name, [member], context={"name": "X"})
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_email_is_in_the_recipients_language_with_unsubscribe_headers(
    django_capture_on_commit_callbacks, mailoutbox
):
    italian, english = UserFactory(language="it"), UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            "accounts.membership_approved", [italian, english], context={"number": "SC-9"}
        )
    by_recipient = {m.to[0]: m for m in mailoutbox}
    it, en = by_recipient[italian.email], by_recipient[english.email]
    assert "verificato la tua adesione (numero di tessera SC-9)" in it.body
    assert "verified your membership (number SC-9)" in en.body
    assert "Preferenze e-mail" in it.alternatives[0][0]
    assert "E-mail preferences" in en.alternatives[0][0]
    for message in (it, en):
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
        assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
        assert "/notifications/preferences/" in message.body
    rows = {row.recipient_id: row for row in OutgoingEmail.objects.all()}
    assert it.extra_headers["Message-ID"] == rows[italian.pk].message_id


def test_fan_out_to_ten_thousand_people_uses_a_bounded_number_of_queries(
    django_assert_max_num_queries, settings
):
    settings.NOTIFICATIONS_DEFER_ABOVE = 10_000  # written in the caller's transaction
    User = get_user_model()
    User.objects.bulk_create(
        [User(email=f"fan{i}@example.org", password="!") for i in range(10_000)], batch_size=2000
    )
    recipients = User.objects.filter(email__startswith="fan")
    with django_assert_max_num_queries(30):
        count = services.notify(URGENT.name, recipients, context={"name": "tutti"})
    assert count == 10_000
    assert OutgoingEmail.objects.count() == 10_000


def test_digest_groups_everything_pending_into_one_email(
    member, django_capture_on_commit_callbacks, mailoutbox
):
    for n in range(3):
        services.notify(ROUTINE.name, [member], context={"n": n})
    other = UserFactory()
    services.notify(ROUTINE.name, [other], context={"n": 9})
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_build(user_id=member.pk)
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert all(f"Routine news {n}" in body for n in range(3))
    assert "Routine news 9" not in body
    assert mailoutbox[0].subject.endswith("3 novità")
    assert "/notifications/unsubscribe/" in mailoutbox[0].extra_headers["List-Unsubscribe"]
    assert Notification.objects.filter(recipient=member, email="digested").count() == 3
    # nothing left: a second run sends nothing more
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_build(user_id=member.pk) is None
    assert len(mailoutbox) == 1


def test_daily_digest_job_fans_out_only_to_people_with_news(
    django_capture_on_commit_callbacks, mailoutbox
):
    from coopportal.notifications.tasks import send_daily_digests

    with_news, silent, idle = UserFactory(), UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=silent, kind=ROUTINE.name, channel=Channel.OFF)
    services.notify(ROUTINE.name, [with_news, silent], context={"n": 1})
    services.notify(ROUTINE.name, [with_news], context={"n": 2})
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests() == 1
    assert [m.to for m in mailoutbox] == [[with_news.email]]
    assert idle.notifications.count() == 0


def test_preference_off_means_no_digest(member, django_capture_on_commit_callbacks, mailoutbox):
    services.preferences_set(user=member, channels={ROUTINE.name: Channel.OFF})
    services.notify(ROUTINE.name, [member], context={"n": 1})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_build(user_id=member.pk) is None
    assert mailoutbox == []
    assert member.notifications.count() == 1  # still under the bell


def test_preferences_set_stores_only_differences(member):
    services.preferences_set(user=member, channels={ROUTINE.name: Channel.DAILY})
    assert not NotificationPreference.objects.exists()
    services.preferences_set(user=member, channels={ROUTINE.name: Channel.IMMEDIATE})
    assert NotificationPreference.objects.get().channel == "immediate"
    with pytest.raises(ValueError):
        services.preferences_set(user=member, channels={ROUTINE.name: "sometimes"})
    with pytest.raises(UnknownKind):
        services.preferences_set(user=member, channels={"nope": "off"})


def test_unsubscribe_from_everything_also_drops_pending_digest_items(member):
    services.notify(ROUTINE.name, [member], context={"n": 1})
    kinds = services.unsubscribe(user=member, kind=services.ALL_KINDS)
    assert ROUTINE.name in kinds and URGENT.name in kinds
    assert Notification.objects.get().email == "none"
    assert set(NotificationPreference.objects.values_list("channel", flat=True)) == {"off"}


def test_mark_read_is_only_for_the_recipient(member, participant):
    services.notify(URGENT.name, [member], context={"name": "X"})
    notification = Notification.objects.get()
    with pytest.raises(PermissionError):
        services.notification_mark_read(notification=notification, by=participant)
    services.notification_mark_read(notification=notification, by=member)
    assert Notification.objects.get().is_read


@pytest.mark.parametrize("insert", ["_insert_sql", "_insert_orm"])
def test_both_insert_paths_record_the_same_rows(insert, member):
    """PostgreSQL uses one INSERT … SELECT; other databases (SQLite for `make run`) the ORM."""
    digest, silent = UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=digest, kind=URGENT.name, channel=Channel.DAILY)
    NotificationPreference.objects.create(user=silent, kind=URGENT.name, channel=Channel.OFF)
    count, outbox_ids = getattr(services, insert)(
        kind=URGENT.name,
        ids=sorted([member.pk, digest.pk, silent.pk]),
        default_channel=URGENT.channel,
        actor_id=None,
        target_type_id=None,
        target_id="7",
        url="/calls/",
        context={"name": "Anna"},
    )
    assert count == 3
    rows = {
        n.recipient_id: (n.email, n.url, n.target_id, n.context) for n in Notification.objects.all()
    }
    assert rows == {
        member.pk: ("immediate", "/calls/", "7", {"name": "Anna"}),
        digest.pk: ("digest_pending", "/calls/", "7", {"name": "Anna"}),
        silent.pk: ("none", "/calls/", "7", {"name": "Anna"}),
    }
    row = OutgoingEmail.objects.get()
    assert outbox_ids == [row.pk]
    assert (row.recipient_id, row.status, row.type) == (member.pk, "pending", "single")
    assert row.idempotency_key == f"notification-{row.notification_id}"
    assert Notification.objects.get(pk=row.notification_id).recipient_id == member.pk
