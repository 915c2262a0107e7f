"""What waits for a person on their dashboard, per role: each app offers `waiting(user)` in its
`dashboard` module (found through coopportal.core.discovery) and returns `Waiting` items, with
counts computed by aggregate queries (a constant number of queries whatever the data size)."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Value
from django.utils.translation import gettext_lazy as _

STAFF, COORDINATOR, BOARD, YOU = "staff", "coordinator", "board", "you"
HEADINGS = {
    STAFF: _("For staff"),
    COORDINATOR: _("As a coordinator"),
    BOARD: _("For the board"),
    YOU: _("For you"),
}


@dataclass(frozen=True)
class Waiting:
    role: str  # STAFF, COORDINATOR, BOARD or YOU: the heading it is shown under
    label: str  # already counted and translated: "3 proposals to moderate"
    count: int
    url: str  # the right filtered list (or the one object)
    entries: list = field(default_factory=list)  # optional [(text, url)], a few at most


def sections(items) -> list[dict]:
    """The items with something waiting, grouped under their role's heading, in HEADINGS order."""
    shown = [item for item in items if item.count]
    return [
        {"role": role, "heading": heading, "items": [i for i in shown if i.role == role]}
        for role, heading in HEADINGS.items()
        if any(i.role == role for i in shown)
    ]


def counts(**querysets) -> dict[str, int]:
    """How many rows each queryset has, in one query (a UNION ALL of COUNTs)."""
    parts = [
        queryset.order_by()
        .annotate(key=Value(name, output_field=CharField()))
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
        for name, queryset in querysets.items()
    ]
    first, *rest = parts
    return dict.fromkeys(querysets, 0) | dict(first.union(*rest, all=True))


MEMO = "_dashboard_memo"


@contextmanager
def one_page(user):
    """While the dashboard is built for `user`, `shared()` computes each of its reads once: the
    panel and the waiting items of an app read the same rows in one query, not two."""
    setattr(user, MEMO, {})
    try:
        yield
    finally:
        delattr(user, MEMO)


def shared(user, key: str, compute):
    """`compute()`, once per dashboard page (`one_page`) for `key`; elsewhere every time."""
    memo = getattr(user, MEMO, None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def both(first, second) -> list:
    """The rows of two sliced querysets: one UNION ALL where the database allows a LIMIT inside
    it (PostgreSQL), two queries otherwise (the SQLite of `make run`)."""
    from django.db import connections

    if connections[first.db].features.supports_slicing_ordering_in_compound:
        return list(first.union(second, all=True))
    return [*first, *second]
