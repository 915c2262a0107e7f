"""Saved directory searches: keep a search of the directory, delete it, and the daily job that tells
each member of the new profiles their searches find.

The digest selects only the searches that have work (a listed profile appeared since the search
was last checked) and handles one member at a time: their searches are locked (a second run at
the same time skips them), each is run as the member sees the directory (hidden, unlisted and
blocked people left out), one notification lists every search with new profiles, and `checked_at`
moves on — so running the job twice tells once.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from coopportal.core.exceptions import DomainError
from coopportal.notifications.services import notify

from .. import notifications
from ..filters import PARAMS
from ..models import ProfileSearch
from ..permissions import can_use_matching
from ..selectors.directory import directory_search, typo_tolerance
from ..selectors.profiles import profiles_listed

MAX_SAVED_SEARCHES = 20
MAX_QUERY = 2000
NAMES_SHOWN = 5


class SearchError(DomainError):
    pass


def query_clean(query: str) -> str:
    """The saved form of a directory search: its own parameters only (no page, no token), the
    empty ones left out, in a stable order — the same search gives the same text."""
    params = QueryDict(query or "")
    pairs = sorted(
        (key, value.strip()) for key in PARAMS for value in params.getlist(key) if value.strip()
    )
    clean = QueryDict(mutable=True)
    for key, value in pairs:
        clean.appendlist(key, value)
    return clean.urlencode()


@transaction.atomic
def search_save(*, user, name: str, query: str) -> ProfileSearch:
    """Keep the directory search `query` (its query string) under `name`; checked from now on."""
    if not can_use_matching(user):
        raise SearchError(_("The directory is for the members."), code="forbidden")
    name = " ".join((name or "").split())[:120]
    query = query_clean(query)
    if not name:
        raise SearchError(_("Give the search a name."), code="name")
    if not query:
        raise SearchError(_("Search for something or choose a filter first."), code="query")
    if len(query) > MAX_QUERY:
        raise SearchError(_("This search is too long to keep."), code="query")
    if ProfileSearch.objects.filter(user=user, query=query).exists():
        raise SearchError(_("You already keep this search."), code="duplicate")
    if ProfileSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise SearchError(
            _("You can keep at most %(count)d searches: delete one first.")
            % {"count": MAX_SAVED_SEARCHES},
            code="too_many",
        )
    try:
        with transaction.atomic():
            return ProfileSearch.objects.create(
                user=user, name=name, query=query, checked_at=timezone.now()
            )
    except IntegrityError:  # the same search saved at the same moment
        raise SearchError(_("You already keep this search."), code="duplicate") from None


def search_delete(*, search: ProfileSearch, by) -> None:
    if search.user_id != getattr(by, "pk", None):
        raise SearchError(_("This search is not yours."), code="forbidden")
    search.delete()


def searches_with_work(now=None):
    """The saved searches of active members (and staff) for which a profile other than their
    owner's was listed since they were last checked (what the daily job looks at)."""
    now = now or timezone.now()
    new = (
        profiles_listed()
        .filter(listed_at__gt=OuterRef("checked_at"), listed_at__lte=now)
        .exclude(user_id=OuterRef("user_id"))
    )
    return ProfileSearch.objects.filter(
        Q(user__membership_verified_at__isnull=False)
        | Q(user__is_staff=True)
        | Q(user__is_superuser=True),
        Exists(new),
        user__is_active=True,
    )


def searches_digest_send(now=None) -> int:
    """The daily job: each member whose saved searches found new profiles gets one notification
    listing those searches; returns how many members were told."""
    now = now or timezone.now()
    user_ids = (
        searches_with_work(now).order_by("user_id").values_list("user_id", flat=True).distinct()
    )
    return sum(_digest_for(user_id=user_id, now=now) for user_id in list(user_ids))


@transaction.atomic
def _digest_for(*, user_id: int, now) -> int:
    """Tell one member of the new profiles of their searches (1 when told, else 0)."""
    searches = list(
        searches_with_work(now)
        .filter(user_id=user_id)
        .select_related("user")
        .select_for_update(of=("self",), skip_locked=True)
        .order_by("name", "pk")
    )
    if not searches:
        return 0
    owner = searches[0].user
    found = []
    with typo_tolerance():
        for search in searches:
            new = (
                directory_search(viewer=owner, params=search.query)
                .prefetch_related(None)
                .exclude(user=owner)
                .filter(listed_at__gt=search.checked_at, listed_at__lte=now)
            )
            names = list(new.values_list("display_name", flat=True)[: NAMES_SHOWN + 1])
            if names:
                found.append((search, new.count(), names))
    ProfileSearch.objects.filter(pk__in=[s.pk for s in searches]).update(checked_at=now)
    if not found:
        return 0
    with override(owner.language):
        context = _digest_context(found)
    notify(notifications.NEW_MATCHING_PROFILES.name, [owner], context=context, url=_url(found))
    return 1


def _digest_context(found) -> dict:
    """The notification's placeholders: the total, the searches with their counts, some names."""
    names = []
    for _search, _count, found_names in found:
        names += [name for name in found_names if name not in names]
    shown = ", ".join(names[:NAMES_SHOWN]) + ("…" if len(names) > NAMES_SHOWN else "")
    return {
        "count": sum(count for _search, count, _names in found),
        "search": "; ".join(f"{search.name} ({count})" for search, count, _names in found),
        "names": shown,
    }


def _url(found) -> str:
    """One search: the directory with it; more: the page of saved searches."""
    if len(found) == 1:
        return f"{reverse('matching:directory')}?{found[0][0].query}"
    return reverse("matching:search_list")
