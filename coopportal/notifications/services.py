"""Every write on notifications. Apps call `notify()` inside their own transaction."""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from coopportal.core.breaker import CircuitBreaker

from . import registry
from .models import Notification, NotificationPreference, OutgoingEmail
from .registry import Channel

logger = logging.getLogger(__name__)

ALL_KINDS = "*"


def _json_safe(context):
    safe = {}
    for key, value in (context or {}).items():
        safe[key] = value if isinstance(value, int | float | bool | type(None)) else str(value)
    return safe


def _recipient_ids(recipients, *, exclude) -> list[int]:
    User = get_user_model()
    if isinstance(recipients, QuerySet):
        queryset = recipients.filter(is_active=True)
    else:
        ids = {getattr(r, "pk", r) for r in recipients}
        queryset = User.objects.filter(pk__in=ids, is_active=True)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def notify(
    kind: str,
    recipients: Iterable,
    *,
    target=None,
    context=None,
    actor=None,
    url: str = "",
    exclude_actor: bool = True,
) -> int:
    """Record one notification per recipient (users, ids or a user queryset), in the caller's
    transaction, with the e-mails each one's preference asks for. Returns how many were recorded.

    E-mails to send at once are outbox rows, dispatched to Celery only after the commit; if Redis
    is down then, the beat job `dispatch_pending_emails` sends them later. Raises UnknownKind for a
    kind no app registered.
    """
    spec = registry.get(kind)
    exclude = actor.pk if (actor is not None and exclude_actor and actor.pk) else None
    ids = _recipient_ids(recipients, exclude=exclude)
    if not ids:
        return 0
    if target is not None and not url and hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    fields = {
        "kind": spec.name,
        "actor_id": actor.pk if actor is not None else None,
        "target_type_id": target_type.pk if target_type is not None else None,
        "target_id": str(target.pk) if target is not None else "",
        "url": url,
        "context": _json_safe(context),
    }
    if len(ids) > settings.NOTIFICATIONS_DEFER_ABOVE:
        return _defer(fields, ids)
    with transaction.atomic():
        count, outbox_ids = _insert(ids=ids, now=timezone.now(), **fields)
        if outbox_ids:
            transaction.on_commit(lambda: enqueue_outgoing_emails(outbox_ids))
    return count


def _insert(*, kind, ids, once=False, **fields) -> tuple[int, list[int]]:
    insert = _insert_sql if connection.vendor == "postgresql" else _insert_orm
    spec = registry.get(kind)
    return insert(kind=kind, ids=ids, default_channel=spec.channel, once=once, **fields)


def _defer(fields: dict, ids: list[int]) -> int:
    """Many recipients: their rows are written by Celery tasks on the bulk queue (after the
    caller's commit, NOTIFICATIONS_DEFER_BATCH people a task), so the request that caused them
    answers at once and people's own notifications do not wait behind them. Every row of the
    fan-out carries the time of this call: a task run twice writes each row once. If the broker
    is down, the rows are written here, after the commit, rather than lost."""
    from .tasks import write_notifications

    payload = {**fields, "now": timezone.now().isoformat()}
    size = settings.NOTIFICATIONS_DEFER_BATCH
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]

    def send():
        for index, batch in enumerate(batches):
            try:
                write_notifications.apply_async((payload, batch), retry=False)
            except Exception:  # kombu and redis raise many types; all mean "not now"
                logger.warning("Broker unavailable: %d notification(s) written inline", len(ids))
                for rest in batches[index:]:
                    notifications_write(payload=payload, ids=rest)
                return

    transaction.on_commit(send)
    return len(ids)


def notifications_write(*, payload: dict, ids: list[int]) -> int:
    """A deferred fan-out's rows for `ids` (the task `write_notifications`), each written once
    however often it runs; their e-mails go out on the bulk queue too. Returns the rows written."""
    fields = dict(payload)
    now = datetime.fromisoformat(fields.pop("now"))
    with transaction.atomic():
        count, outbox_ids = _insert(ids=ids, now=now, once=True, **fields)
        if outbox_ids:
            transaction.on_commit(
                lambda: enqueue_outgoing_emails(outbox_ids, queue=settings.BULK_QUEUE)
            )
    return count


EMAIL_FOR_CHANNEL = {
    Channel.IMMEDIATE: Notification.Email.IMMEDIATE,
    Channel.DAILY: Notification.Email.DIGEST_PENDING,
    Channel.OFF: Notification.Email.NONE,
}


def _insert_orm(
    *, kind, ids, default_channel, once=False, now=None, **fields
) -> tuple[int, list[int]]:
    """Any database: bulk inserts through the ORM (SQLite when trying the portal)."""
    now = now or timezone.now()
    if once:
        done = Notification.objects.filter(
            recipient_id__in=ids,
            kind=kind,
            created_at=now,
            target_type_id=fields["target_type_id"],
            target_id=fields["target_id"],
        ).values_list("recipient_id", flat=True)
        ids = sorted(set(ids) - set(done))
    overrides = dict(
        NotificationPreference.objects.filter(kind=kind, user_id__in=ids).values_list(
            "user_id", "channel"
        )
    )
    batch = settings.NOTIFICATIONS_INSERT_BATCH
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                kind=kind,
                email=EMAIL_FOR_CHANNEL[overrides.get(user_id, default_channel)],
                **fields,
            )
            for user_id in ids
        ],
        batch_size=batch,
    )
    # the time of the call (auto_now_add wrote the present): how a part run again knows its rows
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(created_at=now)
    outbox = OutgoingEmail.objects.bulk_create(
        [
            OutgoingEmail(
                recipient_id=n.recipient_id,
                kind=kind,
                notification=n,
                idempotency_key=f"notification-{n.pk}",
            )
            for n in notifications
            if n.email == Notification.Email.IMMEDIATE
        ],
        batch_size=batch,
    )
    return len(notifications), [row.pk for row in outbox]


_INSERT_SQL = """
WITH prefs AS (
    SELECT user_id, channel FROM {preference}
    WHERE kind = %(kind)s AND user_id = ANY(%(ids)s)
), inserted AS (
    INSERT INTO {notification}
        (recipient_id, kind, actor_id, target_type_id, target_id, url, context, created_at, email)
    SELECT r.id, %(kind)s, %(actor_id)s, %(target_type_id)s, %(target_id)s, %(url)s,
           %(context)s, %(now)s,
           CASE COALESCE(prefs.channel, %(default_channel)s)
               WHEN %(immediate)s THEN %(email_immediate)s
               WHEN %(daily)s THEN %(email_digest)s
               ELSE %(email_none)s
           END
    FROM unnest(%(ids)s::bigint[]) AS r(id) LEFT JOIN prefs ON prefs.user_id = r.id
    {once}
    ORDER BY r.id
    RETURNING id, recipient_id, email
), outbox AS (
    INSERT INTO {outgoing}
        (recipient_id, type, kind, notification_id, idempotency_key, status, attempts, subject,
         last_error, created_at)
    SELECT recipient_id, %(single)s, %(kind)s, id, 'notification-' || id, %(pending)s, 0, '', '',
           %(now)s
    FROM inserted WHERE email = %(email_immediate)s
    RETURNING id
)
SELECT (SELECT count(*) FROM inserted),
       (SELECT coalesce(array_agg(id ORDER BY id), '{{}}') FROM outbox)
"""


_ONCE_SQL = """
    WHERE NOT EXISTS (
        SELECT 1 FROM {notification} AS done
        WHERE done.recipient_id = r.id AND done.created_at = %(now)s AND done.kind = %(kind)s
          AND done.target_type_id IS NOT DISTINCT FROM %(target_type_id)s
          AND done.target_id = %(target_id)s
    )
"""


def _insert_sql(
    *, kind, ids, default_channel, context, once=False, now=None, **fields
) -> tuple[int, list]:
    """PostgreSQL: one INSERT … SELECT for the notifications and their outbox rows, whatever the
    number of recipients (10,000 people in a fraction of a second, not one row at a time).
    `once`: leave out the recipients who already have this notification (same kind, target and
    time: a deferred fan-out's task run again)."""
    from psycopg.types.json import Jsonb

    notification = Notification._meta.db_table
    sql = _INSERT_SQL.format(
        preference=NotificationPreference._meta.db_table,
        notification=notification,
        outgoing=OutgoingEmail._meta.db_table,
        once=_ONCE_SQL.format(notification=notification) if once else "",
    )
    params = {
        **fields,
        "kind": kind,
        "ids": ids,
        "context": Jsonb(context),
        "now": now or timezone.now(),
        "default_channel": default_channel,
        "immediate": Channel.IMMEDIATE,
        "daily": Channel.DAILY,
        "email_immediate": Notification.Email.IMMEDIATE,
        "email_digest": Notification.Email.DIGEST_PENDING,
        "email_none": Notification.Email.NONE,
        "single": OutgoingEmail.Type.SINGLE,
        "pending": OutgoingEmail.Status.PENDING,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, outbox_ids = cursor.fetchone()
    return count, list(outbox_ids)


# Open for this long after the broker failed: requests then skip it at once (the beat job
# `dispatch_pending_emails`, which ignores the breaker, hands the rows over when Redis is back).
broker_breaker = CircuitBreaker(seconds=getattr(settings, "BROKER_BREAKER_SECONDS", 30))


def enqueue_outgoing_emails(
    ids: list[int], *, queue: str | None = None, use_breaker: bool = True
) -> bool:
    """Hand outbox rows to Celery in batches (on `queue`, default: the default queue). Never
    raises: a broker that is down leaves the rows pending for the beat job, and the request that
    caused them still succeeds. After one failure the breaker stays open a while, so a request
    does not wait ~2 s per batch for a dead broker."""
    from .tasks import send_outgoing_emails

    if use_breaker and broker_breaker.is_open:
        logger.info("Broker breaker open: %d e-mail(s) wait for the beat job", len(ids))
        return False
    size = settings.NOTIFICATIONS_SEND_BATCH
    options = {"queue": queue} if queue else {}
    for start in range(0, len(ids), size):
        try:
            send_outgoing_emails.apply_async((ids[start : start + size],), retry=False, **options)
        except Exception:  # kombu and redis raise many types; all mean "later"
            broker_breaker.failed()
            logger.warning("Broker unavailable: %d e-mail(s) wait for the beat job", len(ids))
            return False
    broker_breaker.succeeded()
    return True


def notification_mark_read(*, notification, by) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionError("Not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, by) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_set(*, user, channels: dict[str, str]) -> None:
    """Store a person's delivery choice per kind (only where it differs from the default)."""
    for kind_name, channel in channels.items():
        spec = registry.get(kind_name)
        if channel not in Channel.values:
            raise ValueError(f"Unknown channel {channel!r}")
        if channel == spec.channel:
            NotificationPreference.objects.filter(user=user, kind=kind_name).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind_name, defaults={"channel": channel}
            )


@transaction.atomic
def unsubscribe(*, user, kind: str) -> list[str]:
    """One-click unsubscribe: no more e-mail of this kind (ALL_KINDS: of any kind)."""
    kinds = (
        [k.name for k in registry.all_kinds()] if kind == ALL_KINDS else [registry.get(kind).name]
    )
    preferences_set(user=user, channels=dict.fromkeys(kinds, Channel.OFF))
    Notification.objects.filter(
        recipient=user, kind__in=kinds, email=Notification.Email.DIGEST_PENDING
    ).update(email=Notification.Email.NONE)
    return kinds


def digest_build(*, user_id: int) -> OutgoingEmail | None:
    """Gather a person's notifications waiting for the digest into one outbox e-mail."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient_id=user_id, email=Notification.Email.DIGEST_PENDING)
            .values_list("pk", flat=True)
        )
        if not pending:
            return None
        row = OutgoingEmail.objects.create(
            recipient_id=user_id,
            type=OutgoingEmail.Type.DIGEST,
            kind="digest",
            idempotency_key=f"digest-{user_id}-{pending[0]}",
        )
        Notification.objects.filter(pk__in=pending).update(
            email=Notification.Email.DIGESTED, digest=row
        )
        transaction.on_commit(lambda: enqueue_outgoing_emails([row.pk]))
    return row


def outgoing_email_retry(*, rows) -> int:
    """Staff put failed e-mails back in the queue (admin action)."""
    ids = list(rows.filter(status=OutgoingEmail.Status.FAILED).values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=ids).update(
        status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=None, last_error=""
    )
    if ids:
        transaction.on_commit(lambda: enqueue_outgoing_emails(ids))
    return len(ids)
