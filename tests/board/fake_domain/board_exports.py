"""Export columns and a sheet of the fake domain: annotations only, one query for its sheet."""

from django.db.models import F
from django.db.models.functions import Length

from coopportal.core.export_columns import Columns, ExportColumn, Sheet


def recommendation_columns():
    return Columns(
        [ExportColumn("fake_score", "Fake score", lambda item: item.fake_score)],
        prepare=lambda queryset: queryset.annotate(fake_score=F("endorsements_count") * 10),
    )


def _rows(recommendations):
    return recommendations.order_by("pk").values_list("pk", Length("title"))


def sheets():
    return [Sheet("Fake sheet", ["Recommendation", "Title length"], _rows)]
