"""Builders of the board's exports (CSV, XLSX, PDF dossier), shared by the views and the task.

CSV and XLSX stream the recommendations through one server-side cursor each (`.iterator()`): the
authors come aggregated by the database in the same query and the answer history through one second
cursor, so the number of queries is the same for 10 or 10,000 rows and memory stays bounded.
"""

import csv
import zoneinfo
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.markdown import render_markdown
from coopportal.core.sql import EmailLocalPart, StringAgg
from workgroups.models import Proposal, ProposalAuthor, ProposalEvent
from workgroups.models.proposals import HISTORY_LABELS

from . import selectors
from .pdf import render_pdf

ROME = zoneinfo.ZoneInfo("Europe/Rome")
CHUNK = 500
PROGRESS_EVERY = 200

COLUMNS = [
    ("id", gettext_lazy("ID")),
    ("title", gettext_lazy("Title")),
    ("group", gettext_lazy("Group")),
    ("phase", gettext_lazy("Phase")),
    ("authors", gettext_lazy("Authors")),
    ("forwarded_at", gettext_lazy("Forwarded at")),
    ("endorsements_count", gettext_lazy("Endorsements")),
    ("comments_count", gettext_lazy("Comments")),
    ("answer", gettext_lazy("Answer")),
    ("answer_text", gettext_lazy("Answer text")),
    ("implementation", gettext_lazy("Implementation")),
    ("implementation_percent", gettext_lazy("Progress (%)")),
    ("link", gettext_lazy("Link")),
]
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


def display_name(prefix=""):
    """SQL for User.display_name: the full name, else the part of the e-mail before the @."""
    full = Trim(Concat(F(f"{prefix}first_name"), Value(" "), F(f"{prefix}last_name")))
    local_part = EmailLocalPart(F(f"{prefix}email"))
    return Coalesce(NullIf(full, Value("")), local_part, output_field=CharField())


ROW_FIELDS = (
    "title", "forwarded_at", "endorsements_count", "comments_count", "answer", "answer_text",
    "implementation", "implementation_percent", "group__name", "group__slug", "phase__name",
    "created_by__first_name", "created_by__last_name", "created_by__email",
)  # fmt: skip


def _with_coauthors(queryset):
    """One query: the accepted co-authors' names aggregated per recommendation by a subquery,
    and only the columns a row shows (never the long texts the export does not need)."""
    names = (
        ProposalAuthor.objects.filter(
            proposal=OuterRef("pk"), status=ProposalAuthor.Status.ACCEPTED
        )
        .order_by()
        .values("proposal")
        .annotate(names=StringAgg(display_name("user__"), delimiter=", ", order_by="pk"))
        .values("names")
    )
    return (
        queryset.prefetch_related(None)
        .select_related("group", "phase", "created_by")
        .only(*ROW_FIELDS)
        .annotate(coauthor_names=Subquery(names, output_field=CharField()))
        .order_by(*ORDERING)
    )


class _Links:
    """Public links of the recommendations: reverse() once per group, not once per row."""

    SENTINEL = 987654321987

    def __init__(self):
        self.base = settings.SITE_URL.rstrip("/")
        self.by_group = {}

    def __call__(self, item) -> str:
        slug = item.group.slug
        if slug not in self.by_group:
            probe = Proposal(pk=self.SENTINEL, group=item.group)
            self.by_group[slug] = self.base + probe.get_absolute_url()
        return self.by_group[slug].replace(str(self.SENTINEL), str(item.pk))


STATUS_LABELS = HISTORY_LABELS  # the proposal's own names of its steps (workgroups.models)


def local(dt):
    return timezone.localtime(dt, ROME) if dt else None


def export_rows(queryset) -> Iterator[dict]:
    """One flat row per recommendation, in the dashboard's order (newest forwarded first)."""
    link = _Links()
    answers = {value: str(label) for value, label in Proposal.Answer.choices}
    implementations = {value: str(label) for value, label in Proposal.Implementation.choices}
    for item in _with_coauthors(queryset).iterator(chunk_size=CHUNK):
        lead = item.created_by.display_name if item.created_by else ""
        authors = ", ".join(name for name in (lead, item.coauthor_names) if name)
        yield {
            "id": item.pk,
            "title": item.title,
            "group": item.group.name,
            "phase": item.phase.name if item.phase else "",
            "authors": authors,
            "forwarded_at": local(item.forwarded_at),
            "endorsements_count": item.endorsements_count,
            "comments_count": item.comments_count,
            "answer": answers.get(item.answer, item.answer),
            "answer_text": item.answer_text,
            "implementation": implementations.get(item.implementation, item.implementation),
            "implementation_percent": item.implementation_percent,
            "link": link(item),
        }


def history_rows(queryset) -> Iterator[tuple]:
    """The answer history: one tuple per ProposalEvent of the recommendations, one query."""
    events = (
        ProposalEvent.objects.filter(proposal__in=queryset.order_by().values("pk"))
        .annotate(who=display_name("actor__"))
        .order_by("-proposal__forwarded_at", "-proposal_id", "created_at", "pk")
        .values_list(
            "proposal_id",
            "proposal__title",
            "created_at",
            "who",
            "from_status",
            "to_status",
            "reason",
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
            labels.get(from_status, from_status),
            labels.get(to_status, to_status),
            reason,
        )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    """Text people wrote never becomes a spreadsheet formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return _text(value)


class Echo:
    """A file-like object that hands back what is written (for StreamingHttpResponse)."""

    def write(self, value):
        return value


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """The CSV text piece by piece: a BOM (Excel then reads UTF-8 accents), header, rows."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    yield writer.writerow([str(label) for _key, label in COLUMNS])
    keys = [key for key, _label in COLUMNS]
    for row in rows:
        yield writer.writerow([_cell(row[key]) for key in keys])


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


def _naive(value):
    if hasattr(value, "tzinfo") and value.tzinfo:
        return value.replace(tzinfo=None)
    return _text(value)


def write_xlsx(queryset, path_or_file, progress: Callable[[int], None] | None = None) -> int:
    """An XLSX workbook in write-only mode (constant memory): the recommendations and the answer
    history; returns the number of recommendations."""
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
    header(sheet, [label for _key, label in COLUMNS])
    keys = [key for key, _label in COLUMNS]
    done = 0
    for row in export_rows(queryset):
        sheet.append([_naive(row[key]) for key in keys])
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)

    history = workbook.create_sheet(_("Answer history")[:31])
    header(history, HISTORY_COLUMNS)
    for event in history_rows(queryset):
        history.append([_naive(value) for value in event])

    workbook.save(path_or_file)
    return done


def dossier_context(queryset, *, title, period=None, filters=None):
    recommendations = list(
        selectors.recommendation_detail_queryset().filter(pk__in=queryset.order_by().values("pk"))
    )
    for item in recommendations:
        item.body_html = render_markdown(item.body)
    return {
        "title": title,
        "period": period,
        "filters": filters or [],
        "generated_at": timezone.localtime(timezone.now(), ROME),
        "recommendations": recommendations,
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def render_dossier(queryset, *, title, period=None, filters=None) -> bytes:
    """The PDF dossier: cover, table of contents, one section per recommendation.

    `period` is an optional (start, end) pair of dates; `filters` a list of (label, value) shown on
    the cover.
    """
    context = dossier_context(queryset, title=title, period=period, filters=filters)
    return render_pdf("board/pdf/dossier.html", context)


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
