"""The columns of the board's exports that come from the working groups: the recommendations are
proposals forwarded to the board (found by coopportal.core.discovery; contract in
coopportal.core.export_columns). One query for every row: the co-authors are aggregated by the
database, and only the fields a row shows are read (never the long texts)."""

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.selectors import display_name_sql
from coopportal.core.export_columns import Columns, ExportColumn, portal_time
from coopportal.core.sql import StringAgg

from .models import Proposal, ProposalAuthor

ROW_FIELDS = (
    "title", "forwarded_at", "endorsements_count", "comments_count", "answer", "answer_text",
    "implementation", "implementation_percent", "group__name", "group__slug", "phase__name",
    "created_by__first_name", "created_by__last_name", "created_by__email",
)  # fmt: skip


def _with_coauthors(queryset):
    """The accepted co-authors' names aggregated per recommendation by a subquery, and only the
    columns a row shows."""
    names = (
        ProposalAuthor.objects.filter(
            proposal=OuterRef("pk"), status=ProposalAuthor.Status.ACCEPTED
        )
        .order_by()
        .values("proposal")
        .annotate(names=StringAgg(display_name_sql("user__"), delimiter=", ", order_by="pk"))
        .values("names")
    )
    return (
        queryset.prefetch_related(None)
        .select_related("group", "phase", "created_by")
        .only(*ROW_FIELDS)
        .annotate(coauthor_names=Subquery(names, output_field=CharField()))
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


def _authors(item) -> str:
    lead = item.created_by.display_name if item.created_by else ""
    return ", ".join(name for name in (lead, item.coauthor_names) if name)


def recommendation_columns() -> Columns:
    answers = {value: str(label) for value, label in Proposal.Answer.choices}
    implementations = {value: str(label) for value, label in Proposal.Implementation.choices}
    column = ExportColumn
    return Columns(
        [
            column("id", _("ID"), lambda item: item.pk),
            column("title", _("Title"), lambda item: item.title),
            column("group", _("Group"), lambda item: item.group.name),
            column("phase", _("Phase"), lambda item: item.phase.name if item.phase else ""),
            column("authors", _("Authors"), _authors),
            column("forwarded_at", _("Forwarded at"), lambda item: portal_time(item.forwarded_at)),
            column("endorsements_count", _("Endorsements"), lambda i: i.endorsements_count),
            column("comments_count", _("Comments"), lambda item: item.comments_count),
            column("answer", _("Answer"), lambda item: answers.get(item.answer, item.answer)),
            column("answer_text", _("Answer text"), lambda item: item.answer_text),
            column(
                "implementation",
                _("Implementation"),
                lambda item: implementations.get(item.implementation, item.implementation),
            ),
            column("implementation_percent", _("Progress (%)"), lambda i: i.implementation_percent),
            column("link", _("Link"), _Links()),
        ],
        prepare=_with_coauthors,
    )
