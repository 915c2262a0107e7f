"""Participation figures of the board area (see board/urls.py)."""

from django.shortcuts import render
from django.urls import path

from ..figures import participation_figures
from ..forms.figures import PeriodForm
from . import board_required


@board_required
def figures(request):
    """A bad period shows the form's error and the default period's figures."""
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    context = {"form": form, "figures": participation_figures(start=start, end=end)}
    return render(request, "board/figures.html", context)


urlpatterns = [path("figures/", figures, name="figures")]
