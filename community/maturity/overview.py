"""The results of the self-assessments grouped by territory and sector, for staff and the board,
built so that nobody can be singled out.

- The unit is the cooperative (the member who answered): each counts once per half-year, with its
  latest assessment of that half-year.
- A group (cell) of fewer than `MIN_CELL` cooperatives is left out by the query itself
  (`HAVING count >= 5`): its numbers never reach a template.
- Subtraction: the page also tells how many cooperatives the half-year has in all. Were a single
  small cell left out, that total minus the cells shown would give it away; so when the
  cooperatives left out of a table number between 1 and 4, the smallest cells shown are left out
  too until they number 0 or at least 5 ("secondary suppression"). Provinces are protected the
  same way within their region, and shown only where their region is shown, so that a region
  minus its provinces reveals nothing either.
- Time: half-years only (a quarter inside a half-year shown beside it would be a subtraction
  too), each half-year its own population; a half-year of fewer than 5 cooperatives is left out.
  The board's figures count assessments and cooperatives, never scores.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Case, Count, Exists, OuterRef, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.models import Province, Region, Sector

from .models import MaturityAssessment
from .questionnaire import DIMENSIONS
from .scoring import band_of, rounded

MIN_CELL = 5
GROUPINGS = ("region", "province", "sector")


@dataclass(frozen=True)
class Half:
    year: int
    half: int  # 1: January–June, 2: July–December

    @property
    def key(self) -> int:
        return self.year * 10 + self.half

    @property
    def since(self) -> datetime:
        return _start(self.year, 1 if self.half == 1 else 7)

    @property
    def until(self) -> datetime:
        return _start(self.year, 7) if self.half == 1 else _start(self.year + 1, 1)

    @property
    def label(self) -> str:
        if self.half == 1:
            return _("January–June %(year)s") % {"year": self.year}
        return _("July–December %(year)s") % {"year": self.year}

    @property
    def short_label(self) -> str:
        if self.half == 1:
            return _("Jan–Jun %(year)s") % {"year": self.year}
        return _("Jul–Dec %(year)s") % {"year": self.year}

    @classmethod
    def from_key(cls, key) -> "Half | None":
        if not isinstance(key, int) or key % 10 not in (1, 2) or not 2000 <= key // 10 <= 2100:
            return None
        return cls(key // 10, key % 10)

    @classmethod
    def of(cls, moment) -> "Half":
        local = timezone.localtime(moment)
        return cls(local.year, 1 if local.month <= 6 else 2)


def _start(year, month):
    return timezone.make_aware(datetime(year, month, 1), timezone.get_default_timezone())


def half_expression(field="submitted_at"):
    """The half-year of `field` in Rome time, as year × 10 + half (20262: July–December 2026)."""
    rome = timezone.get_default_timezone()
    first = When(LessThanOrEqual(ExtractMonth(field, tzinfo=rome), 6), then=Value(1))
    return ExtractYear(field, tzinfo=rome) * 10 + Case(first, default=Value(2))


def _later_of_the_same(within: Q):
    """Assessments of the same cooperative, `within` a span, after the outer row (the outer row
    is its latest there when none exists: NOT EXISTS, which SQLite runs too)."""
    return MaturityAssessment.objects.filter(within).filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk")),
        user_id=OuterRef("user_id"),
    )


def _latest_in(half: Half):
    """The ids of each cooperative's latest assessment in `half` (a subquery)."""
    within = Q(submitted_at__gte=half.since, submitted_at__lt=half.until)
    return (
        MaturityAssessment.objects.filter(within)
        .filter(~Exists(_later_of_the_same(within)))
        .values("pk")
    )


def _averages() -> dict:
    averages = {key: Avg(f"score_{key}") for key in DIMENSIONS}
    return {"n": Count("user_id", distinct=True), "overall": Avg("overall_score"), **averages}


@dataclass
class Cell:
    key: object  # the region's, province's or sector's id; None: not stated
    label: str
    n: int
    overall: int
    dimensions: dict

    @property
    def band(self):
        return band_of(self.overall)


def _cell(row, key_field, labels) -> Cell:
    key = row.get(key_field)
    label = labels.get(key, _("Not stated")) if key is not None else _("Not stated")
    return Cell(
        key=key,
        label=str(label),
        n=row["n"],
        overall=rounded(row["overall"]),
        dimensions={name: rounded(row[name]) for name in DIMENSIONS},
    )


def _grouped(ids, *fields):
    """One row per value of `fields` with at least MIN_CELL cooperatives (HAVING in SQL)."""
    return list(
        MaturityAssessment.objects.filter(pk__in=ids)
        .values(*fields)
        .annotate(**_averages())
        .filter(n__gte=MIN_CELL)
        .order_by(*fields)
    )


def protect(rows: list, totals: dict, parent) -> list:
    """Secondary suppression: for each parent (None: the whole), while the cooperatives of its
    cells left out number 1–4, leave out its smallest cell shown as well."""
    kept = list(rows)
    for key, total in totals.items():
        mine = sorted(
            (row for row in kept if parent(row) == key), key=lambda row: (row["n"], str(row))
        )
        hidden = total - sum(row["n"] for row in mine)
        while 0 < hidden < MIN_CELL and mine:
            row = mine.pop(0)
            kept.remove(row)
            hidden += row["n"]
    return kept


@dataclass
class Overview:
    half: Half
    by: str
    total: Cell | None = None  # every cooperative of the half-year, when at least MIN_CELL
    cells: list = field(default_factory=list)  # the table's
    hidden: int = 0  # cooperatives in cells not shown (0 or at least MIN_CELL)
    regions: dict = field(default_factory=dict)  # region id -> Cell, for the map
    region_names: dict = field(default_factory=dict)  # id -> Region (all twenty)


def overview(*, half: Half, by: str = "region") -> Overview:
    """The half-year's results by `by` (region, province or sector), protected as the module
    says; the map's regions always."""
    by = by if by in GROUPINGS else "region"
    result = Overview(half=half, by=by)
    regions = {region.pk: region for region in Region.objects.all()}
    result.region_names = regions
    ids = _latest_in(half)
    total = MaturityAssessment.objects.filter(pk__in=ids).aggregate(**_averages())
    if not total["n"] or total["n"] < MIN_CELL:
        return result
    result.total = _cell({**total, "key": None}, "key", {})
    names = {pk: region.name for pk, region in regions.items()}
    region_rows = protect(_grouped(ids, "region_id"), {None: total["n"]}, lambda row: None)
    result.regions = {
        row["region_id"]: _cell(row, "region_id", names)
        for row in region_rows
        if row["region_id"] is not None
    }
    if by == "region":
        rows, key_field = region_rows, "region_id"
    elif by == "sector":
        rows = protect(_grouped(ids, "sector_id"), {None: total["n"]}, lambda row: None)
        key_field = "sector_id"
        names = {s.pk: s.name for s in Sector.objects.filter(pk__in=[r["sector_id"] for r in rows])}
    else:
        shown_regions = {row["region_id"] for row in region_rows}
        rows = _grouped(ids, "region_id", "province_id")
        rows = [row for row in rows if row["region_id"] in shown_regions]
        by_region = (
            MaturityAssessment.objects.filter(pk__in=ids, region_id__in=shown_regions - {None})
            .values("region_id")
            .annotate(n=Count("user_id", distinct=True))
            .order_by()
        )
        rows = protect(rows, {r["region_id"]: r["n"] for r in by_region}, lambda r: r["region_id"])
        key_field = "province_id"
        names = {
            p.pk: str(p) for p in Province.objects.filter(pk__in=[r["province_id"] for r in rows])
        }
    result.cells = [_cell(row, key_field, names) for row in rows]
    result.hidden = total["n"] - sum(cell.n for cell in result.cells)
    return result


@dataclass
class TrendRow:
    half: Half
    cell: Cell


def trend() -> list[TrendRow]:
    """Every half-year with at least MIN_CELL cooperatives (HAVING in SQL), oldest first: how many
    took part and their average scores."""
    half = half_expression()
    later = (
        MaturityAssessment.objects.annotate(half=half)
        .filter(user_id=OuterRef("user_id"), half=OuterRef("half"))
        .filter(
            Q(submitted_at__gt=OuterRef("submitted_at"))
            | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
        )
    )
    rows = (
        MaturityAssessment.objects.annotate(half=half)
        .filter(~Exists(later))
        .values("half")
        .annotate(**_averages())
        .filter(n__gte=MIN_CELL)
        .order_by("half")
    )
    return [TrendRow(Half.from_key(row["half"]), _cell(row, "half", {})) for row in rows]
