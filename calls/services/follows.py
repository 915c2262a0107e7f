"""Following calls and searches: follow a call (reminders before its internal deadline), keep a
search (told of new matching calls), and the two jobs that tell people.

Followers of a call and the leads of its draft applications are reminded 14, 7 and 1 day before
its internal deadline, once each: the job locks the call
row, writes one `CallReminder` per person and step (unique), and notifies only the rows it wrote,
so a second run — even at the same time — sends nothing twice. A person who starts following 3 days
before gets the 7-day reminder, not three at once.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopportal.core.dates import format_date
from coopportal.core.exceptions import DomainError
from coopportal.notifications.services import notify

from .. import notifications
from ..models import Application, CallFollow, CallReminder, FundingCall, SavedSearch
from ..models.catalogue import open_q

DRAFTS = (Application.Status.DRAFT, Application.Status.CHANGES_REQUESTED)
REMINDER_DAYS = (1, 7, 14)  # ascending: the smallest step a call is within is the one due
MAX_SAVED_SEARCHES = 20


class FollowError(DomainError):
    pass


@transaction.atomic
def call_follow(*, call: FundingCall, by) -> bool:
    """`by` follows `call`; False when they already did."""
    if not by.is_authenticated:
        raise FollowError(_("Log in to follow a call."), code="login")
    if not call.is_published:
        raise FollowError(_("This call is not published."), code="not_published")
    try:
        with transaction.atomic():
            CallFollow.objects.create(user=by, call=call)
    except IntegrityError:
        return False
    FundingCall.objects.filter(pk=call.pk).update(followers_count=F("followers_count") + 1)
    return True


@transaction.atomic
def call_unfollow(*, call: FundingCall, by) -> bool:
    """`by` no longer follows `call`; False when they did not."""
    deleted, _rows = CallFollow.objects.filter(user=by, call=call).delete()
    if deleted:
        FundingCall.objects.filter(pk=call.pk, followers_count__gt=0).update(
            followers_count=F("followers_count") - 1
        )
    return bool(deleted)


def _clean_query(query: str) -> str:
    """The saved form of a search: its filters in a stable order, without the page number."""
    params = QueryDict(query or "", mutable=True)
    for key in ("page", "csrfmiddlewaretoken"):
        params.pop(key, None)
    pairs = sorted((key, value) for key in params for value in params.getlist(key) if value)
    clean = QueryDict(mutable=True)
    for key, value in pairs:
        clean.appendlist(key, value)
    return clean.urlencode()


@transaction.atomic
def saved_search_create(*, by, name: str, query: str) -> SavedSearch:
    """Keep a search of the catalogue (its query string) under `name`."""
    name = " ".join((name or "").split())[:120]
    query = _clean_query(query)
    if not name:
        raise FollowError(_("Give the search a name."), code="name")
    if len(query) > 2000:
        raise FollowError(_("This search is too long to keep."), code="query")
    if SavedSearch.objects.filter(user=by, query=query).exists():
        raise FollowError(_("You already keep this search."), code="query")
    if SavedSearch.objects.filter(user=by).count() >= MAX_SAVED_SEARCHES:
        raise FollowError(
            _("You can keep at most %(count)d searches: delete one first.")
            % {"count": MAX_SAVED_SEARCHES},
            code="too_many",
        )
    return SavedSearch.objects.create(user=by, name=name, query=query)


def saved_search_delete(*, search: SavedSearch, by) -> None:
    if search.user_id != by.pk:
        raise FollowError(_("This search is not yours."), code="forbidden")
    search.delete()


def call_announce(*, call_id: int, queryset_for) -> int:
    """Tell the people whose saved searches match a call that has just appeared or opened (in
    their daily digest unless they chose otherwise); one notification per person, naming the
    first search that matched. `queryset_for(params, user=…)` is the catalogue's filter (passed in
    by the task, so that this module and the catalogue's selector do not import each other).
    Returns how many were told."""
    call = FundingCall.objects.filter(pk=call_id, is_published=True).first()
    if call is None:
        return 0
    told: dict[int, str] = {}
    searches = SavedSearch.objects.filter(user__is_active=True).order_by("user_id", "pk")
    for saved in searches.iterator(chunk_size=500):
        if saved.user_id in told:
            continue
        if queryset_for(QueryDict(saved.query), user=None).filter(pk=call.pk).exists():
            told[saved.user_id] = saved.name
    by_search: dict[str, list[int]] = {}
    for user_id, name in told.items():
        by_search.setdefault(name, []).append(user_id)
    with transaction.atomic():
        for name, user_ids in by_search.items():
            notify(
                notifications.NEW_MATCHING_CALL.name,
                user_ids,
                target=call,
                context={"search": name, "call": call.title, "funder": call.funder or "-"},
            )
    return len(told)


def _step_due(now):
    """The reminder step a call is in at `now`: 1, 7 or 14 days before its internal deadline."""
    whens = [
        When(internal_deadline_at__lte=now + timedelta(days=days), then=Value(days))
        for days in REMINDER_DAYS
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _not_reminded(people):
    """`people` (rows with a `user` and a `call`) less those already reminded for the step."""
    return people.exclude(
        Exists(
            CallReminder.objects.filter(
                user=OuterRef("user"),
                call=OuterRef("call"),
                deadline_at=OuterRef(OuterRef("internal_deadline_at")),
                days_before__lte=OuterRef(OuterRef("step")),
            )
        )
    )


def calls_needing_reminders(now=None):
    """Open calls whose internal deadline is within 14 days and who have a follower, or the lead
    of a draft, not yet reminded for the step they are in (what the hourly beat job fans out)."""
    now = now or timezone.now()
    followers = CallFollow.objects.filter(call=OuterRef("pk"), user__is_active=True)
    leads = Application.objects.filter(
        call=OuterRef("pk"), status__in=DRAFTS, lead__is_active=True
    ).annotate(user=F("lead"))
    return (
        FundingCall.objects.filter(
            open_q(now),
            is_published=True,
            internal_deadline_at__gt=now,
            internal_deadline_at__lte=now + timedelta(days=max(REMINDER_DAYS)),
        )
        .annotate(step=_step_due(now))
        .filter(Exists(_not_reminded(followers)) | Exists(_not_reminded(leads)))
    )


def _days_left(deadline_at, now) -> str:
    days = max(0, (deadline_at - now).days)
    if days == 0:
        return _("less than a day left")
    return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}


@transaction.atomic
def call_send_reminders(*, call_id: int, now=None) -> int:
    """Remind the followers of one call not yet reminded for the step it is in; returns how many.
    Safe to run twice at once: the call's row is locked and each reminder is written once."""
    now = now or timezone.now()
    call = FundingCall.objects.select_for_update(of=("self",)).filter(pk=call_id).first()
    if call is None or call.internal_deadline_at is None or not call.is_published:
        return 0
    remaining = call.internal_deadline_at - now
    if remaining <= timedelta(0):
        return 0
    step = next((d for d in REMINDER_DAYS if remaining <= timedelta(days=d)), None)
    if step is None:
        return 0
    already = CallReminder.objects.filter(
        call=call, deadline_at=call.internal_deadline_at, days_before__lte=step
    ).values("user_id")
    followers = CallFollow.objects.filter(call=call, user__is_active=True).values_list(
        "user_id", flat=True
    )
    leads = Application.objects.filter(
        call=call, status__in=DRAFTS, lead__is_active=True
    ).values_list("lead_id", flat=True)
    people = sorted((set(followers) | set(leads)) - set(already.values_list("user_id", flat=True)))
    if not people:
        return 0
    CallReminder.objects.bulk_create(
        [
            CallReminder(
                user_id=pk, call=call, deadline_at=call.internal_deadline_at, days_before=step
            )
            for pk in people
        ]
    )
    notify(
        notifications.DEADLINE_REMINDER.name,
        people,
        target=call,
        context={
            "call": call.title,
            "deadline": format_date(
                timezone.localtime(call.internal_deadline_at), "DATETIME_FORMAT"
            ),
            "days": _days_left(call.internal_deadline_at, now),
        },
    )
    return len(people)
