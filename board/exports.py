"""Builders of the board's exports (CSV, XLSX, PDF dossier), shared by the views and the task.

The columns of a recommendation and any further sheets are what the apps offer in their
`board_exports` module (contract in coopportal.core.export_columns), asked through
coopportal.core.discovery bottom layer first: a new domain adds columns without editing the board.
CSV and XLSX stream the recommendations through one server-side cursor each (`.iterator()`): what
the columns need comes annotated by the database in the same query and the answer history through
one second cursor, so the number of queries is the same for 10 or 10,000 rows and memory stays
bounded.
"""

import csv
import io
import zoneinfo
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.accounts.selectors import display_name_sql as display_name
from coopportal.core.discovery import domain_modules
from coopportal.core.export_columns import Columns, ExportColumn, Sheet
from coopportal.core.markdown import render_markdown
from coopportal.core.spreadsheets import Echo, csv_cell, xlsx_cell
from workgroups.models import Proposal
from workgroups.models.proposals import HISTORY_LABELS
from workgroups.selectors.proposals import proposal_timelines

from . import pdf, selectors

ROME = zoneinfo.ZoneInfo("Europe/Rome")
CHUNK = 500
PROGRESS_EVERY = 200
DOSSIER_CHUNK = 50  # sections laid out at a time: about 1.2 MB of memory each
HOOKS = "board_exports"

HISTORY_COLUMNS = [
    gettext_lazy("Recommendation"),
    gettext_lazy("Title"),
    gettext_lazy("When"),
    gettext_lazy("Who"),
    gettext_lazy("From"),
    gettext_lazy("To"),
    gettext_lazy("Reason"),
]
ORDERING = ("-forwarded_at", "-pk")


def _offered_columns() -> list[Columns]:
    """What every app adds to a recommendation row, called afresh for each export."""
    offered = [
        module.recommendation_columns()
        for module in domain_modules(HOOKS)
        if hasattr(module, "recommendation_columns")
    ]
    keys = [column.key for group in offered for column in group.columns]
    if len(keys) != len(set(keys)):
        raise ImproperlyConfigured(f"Two apps offer an export column of the same key: {keys}")
    return offered


def columns() -> list[ExportColumn]:
    """The columns of the recommendations' exports, in the apps' layer order."""
    return [column for group in _offered_columns() for column in group.columns]


def _offered_sheets() -> list[Sheet]:
    return [
        sheet
        for module in domain_modules(HOOKS)
        if hasattr(module, "sheets")
        for sheet in module.sheets()
    ]


STATUS_LABELS = HISTORY_LABELS  # the proposal's own names of its steps (workgroups.models)


def local(dt):
    return timezone.localtime(dt, ROME) if dt else None


def export_rows(queryset) -> Iterator[dict]:
    """One flat row per recommendation (keys: the columns'), in the dashboard's order (newest
    forwarded first)."""
    offered = _offered_columns()
    for group in offered:
        queryset = group.prepare(queryset)
    row_columns = [column for group in offered for column in group.columns]
    for item in queryset.order_by(*ORDERING).iterator(chunk_size=CHUNK):
        yield {column.key: column.value(item) for column in row_columns}


def history_rows(queryset) -> Iterator[tuple]:
    """The answer history: one tuple per move on the timeline of the recommendations (the audit
    log's events, core.audit), one query."""
    proposal = Proposal.objects.filter(pk=OuterRef("proposal_id"))
    events = (
        proposal_timelines(queryset)
        .annotate(
            proposal_id=Cast("object_id", IntegerField()),
            title=Subquery(proposal.values("title")),
            forwarded_at=Subquery(proposal.values("forwarded_at")),
            who=display_name("actor__"),
        )
        .order_by("-forwarded_at", "-proposal_id", "created_at", "pk")
        .values_list(
            "proposal_id",
            "title",
            "created_at",
            "who",
            "data__from",
            "data__to",
            "data__reason",
        )
    )
    labels = {value: str(label) for value, label in STATUS_LABELS.items()}
    system = _("system")
    for proposal_id, title, when, who, from_status, to_status, reason in events.iterator(
        chunk_size=2000
    ):
        yield (
            proposal_id,
            title,
            local(when),
            who or system,
            labels.get(from_status or "", from_status or ""),
            labels.get(to_status, to_status),
            reason or "",
        )


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """The CSV text piece by piece: a BOM (Excel then reads UTF-8 accents), header, rows."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    row_columns = columns()
    yield writer.writerow([str(column.header) for column in row_columns])
    keys = [column.key for column in row_columns]
    for row in rows:
        yield writer.writerow([csv_cell(row[key]) for key in keys])


def write_csv(rows: Iterable[dict], out, progress: Callable[[int], None] | None = None) -> int:
    """Write the rows to a text stream `out` (open it with newline=""); returns the row count."""
    done = 0
    for index, chunk in enumerate(csv_chunks(rows)):
        out.write(chunk)
        if index >= 2:  # BOM, header, then one chunk per row
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
    return done


def write_xlsx(queryset, path_or_file, progress: Callable[[int], None] | None = None) -> int:
    """An XLSX workbook in write-only mode (constant memory): the recommendations, the answer
    history, then the sheets the apps offer; returns the number of recommendations."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, labels):
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=str(label))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    sheet = workbook.create_sheet(_("Recommendations")[:31])
    row_columns = columns()
    header(sheet, [column.header for column in row_columns])
    keys = [column.key for column in row_columns]
    done = 0
    for row in export_rows(queryset):
        sheet.append([xlsx_cell(row[key]) for key in keys])
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)

    history = workbook.create_sheet(_("Answer history")[:31])
    header(history, HISTORY_COLUMNS)
    for event in history_rows(queryset):
        history.append([xlsx_cell(value) for value in event])

    for offered in _offered_sheets():
        extra = workbook.create_sheet(str(offered.title)[:31])
        header(extra, offered.headers)
        for values in offered.rows(queryset):
            extra.append([xlsx_cell(value) for value in values])

    workbook.save(path_or_file)
    return done


def _dossier_base(*, title, period, filters) -> dict:
    return {
        "title": title,
        "period": period,
        "filters": filters or [],
        "generated_at": timezone.localtime(timezone.now(), ROME),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def _with_body(items):
    for item in items:
        item.body_html = render_markdown(item.body)
    return items


def dossier_context(queryset, *, title, period=None, filters=None):
    """Every recommendation of `queryset` with what its section shows, in one context (the
    reports'; the dossier itself is built in chunks, `write_dossier`)."""
    recommendations = _with_body(
        list(
            selectors.recommendation_detail_queryset().filter(
                pk__in=queryset.order_by().values("pk")
            )
        )
    )
    return {
        **_dossier_base(title=title, period=period, filters=filters),
        "recommendations": recommendations,
    }


def write_dossier(out, queryset, *, title, period=None, filters=None, progress=None) -> int:
    """Write the PDF dossier to `out` (a path or a binary file): cover, table of contents, one
    section per recommendation, in the dashboard's order; returns the number of recommendations.

    `period` is an optional (start, end) pair of dates; `filters` a list of (label, value) shown on
    the cover. The sections are laid out DOSSIER_CHUNK at a time (board.pdf.write_in_chunks), so
    memory stays bounded however many there are; `progress(done)` gets the sections done.
    """
    rows = queryset.order_by(*ORDERING).values_list("pk", "title", "group__name")
    entries = [
        {"number": number, "pk": pk, "title": name, "group": group}
        for number, (pk, name, group) in enumerate(rows.iterator(chunk_size=2000), start=1)
    ]

    def chunks():
        for start in range(0, len(entries), DOSSIER_CHUNK):
            part = entries[start : start + DOSSIER_CHUNK]
            found = {
                item.pk: item
                for item in selectors.recommendation_detail_queryset().filter(
                    pk__in=[entry["pk"] for entry in part]
                )
            }
            items = []
            for entry in part:
                if entry["pk"] in found:  # not deleted meanwhile
                    items.append(found[entry["pk"]])
                    items[-1].number = entry["number"]
            yield {"recommendations": _with_body(items)}

    def chunk_done(done_chunks):
        if progress:
            progress(min(done_chunks * DOSSIER_CHUNK, len(entries)))

    pdf.write_in_chunks(
        out,
        front="board/pdf/dossier.html",
        sections="board/pdf/dossier_sections.html",
        footers="board/pdf/footers.html",
        context=_dossier_base(title=title, period=period, filters=filters),
        entries=entries,
        chunks=chunks(),
        anchor=lambda entry: f"rec-{entry['pk']}",
        progress=chunk_done,
    )
    return len(entries)


def render_dossier(queryset, *, title, period=None, filters=None) -> bytes:
    """The PDF dossier as bytes (small ones, answered at once): see `write_dossier`."""
    out = io.BytesIO()
    write_dossier(out, queryset, title=title, period=period, filters=filters)
    return out.getvalue()


def describe_filters(filterset) -> list[tuple[str, str]]:
    """The filters a person chose, as (label, value) pairs for the dossier's cover."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    described = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        described.append((str(field.label), str(value)))
    return described
