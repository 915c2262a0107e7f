"""What an app offers to the board's exports of the recommendations, found through
coopportal.core.discovery.

An app writes a `board_exports` module with either or both of:

    def recommendation_columns() -> Columns
        Columns it adds to every row of the recommendations (CSV and the XLSX's first sheet).
        Called once per export: its values may keep state for that export (a cache of links).
    def sheets() -> list[Sheet]
        Sheets it adds to the XLSX after the board's own, about the exported recommendations.

The board asks the apps bottom layer first and writes the files itself, so it is not edited when a
domain is added. Rules: the rows stream through one server-side cursor, so `Columns.prepare` only
annotates the queryset (subqueries, aggregated by the database: never one query per row) and
`Sheet.rows` makes a constant number of queries whatever the number of recommendations.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


def _unchanged(queryset):
    return queryset


@dataclass(frozen=True)
class ExportColumn:
    key: str  # unique over every app
    header: str  # lazy: translated when the file is written
    value: Callable[[Any], Any]  # the row's object (an annotated recommendation) -> the cell


@dataclass(frozen=True)
class Columns:
    columns: list[ExportColumn]
    prepare: Callable[[Any], Any] = field(default=_unchanged)  # queryset -> annotated queryset


@dataclass(frozen=True)
class Sheet:
    title: str  # lazy; at most 31 characters are kept
    headers: list[str]  # lazy
    rows: Callable[[Any], Iterable[tuple]]  # the exported recommendations -> one tuple per row


def portal_time(moment):
    """An aware moment as the portal's local time (Europe/Rome) for a cell; None stays None."""
    return timezone.localtime(moment, timezone.get_default_timezone()) if moment else None
