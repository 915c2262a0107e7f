"""Reads of training needs: the ranked list and one need."""

from django.db.models import BooleanField, Case, Exists, OuterRef, Value, When

from coopportal.core.http import get_or_404

from ..models import NeedStatus, NeedSupport, TrainingArea, TrainingNeed


def need_list(*, user, area=None):
    """Every need, the open ones first (`is_open`), each group ranked by supporters (then
    newest), with `is_supported` (the person supports it) annotated."""
    needs = TrainingNeed.objects.select_related("area", "proposed_by").annotate(
        is_open=Case(
            When(status=NeedStatus.OPEN, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if area is not None:
        needs = needs.filter(area=area)
    if user.is_authenticated:
        needs = needs.annotate(
            is_supported=Exists(NeedSupport.objects.filter(need=OuterRef("pk"), user=user))
        )
    else:
        needs = needs.annotate(is_supported=Value(False))
    return needs.order_by("-is_open", "-supporters_count", "-created_at", "-pk")


def need_areas():
    return TrainingArea.objects.all()


def need_get(pk) -> TrainingNeed:
    """A need by its number, or a 404."""
    return get_or_404(TrainingNeed.objects.filter(pk=pk).first())
