"""The board's dashboard: recommendations waiting for an answer, answered ones and their
implementation, with filters and search; the answer and progress forms."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.http import act_on_form
from coopportal.core.markdown import stored_html
from coopportal.core.params import parse_id
from workgroups.permissions import can_track_implementation
from workgroups.services import proposals as proposal_services

from .. import selectors
from ..filters import RecommendationFilter
from ..forms import AnswerForm, ProgressForm
from ..forms.meetings import ScheduleForm
from . import board_required


def filtered(request):
    return RecommendationFilter(request.GET or None, queryset=selectors.recommendation_list())


@board_required
def recommendation_list(request):
    recommendations = filtered(request)
    paginator = Paginator(recommendations.qs, 25)
    if not any(value for name, value in request.GET.items() if name != "page"):
        paginator.count = recommendations.forwarded_total  # unfiltered: the cached count
    page = paginator.get_page(request.GET.get("page"))
    context = {"filter": recommendations, "page": page, "query": request.GET.urlencode()}
    return render(request, "board/recommendation_list.html", context)


@board_required
def recommendation_detail(request, pk):
    recommendation = selectors.recommendation_get(request.user, pk)
    upcoming = selectors.upcoming_meetings()
    context = {
        "proposal": recommendation,
        "body_html": stored_html(recommendation),
        # no answer preselected, not even the current one when revising: always a choice
        "answer_form": AnswerForm(initial={"text": recommendation.answer_text}),
        "progress_form": ProgressForm(initial={"percent": recommendation.implementation_percent}),
        "can_track": can_track_implementation(request.user, recommendation),
        "agenda_entries": selectors.agenda_entries_of(recommendation),
        "schedule_form": ScheduleForm(meetings=upcoming) if upcoming.exists() else None,
    }
    return render(request, "board/recommendation_detail.html", context)


def _apply(request, pk, form, action, success):
    recommendation = selectors.recommendation_get(request.user, pk)
    act_on_form(
        request,
        form,
        lambda **data: action(recommendation, **data),
        success=success,
        errors_as_message=True,
    )
    return redirect("board:recommendation_detail", pk=pk)


@board_required
@require_POST
def recommendation_answer(request, pk):
    return _apply(
        request,
        pk,
        AnswerForm(request.POST),
        lambda proposal, **data: proposal_services.proposal_answer(
            proposal=proposal, by=request.user, **data
        ),
        _("The answer is published: the group and the authors are told."),
    )


@board_required
@require_POST
def recommendation_progress(request, pk):
    return _apply(
        request,
        pk,
        ProgressForm(request.POST),
        lambda proposal, **data: proposal_services.proposal_progress(
            proposal=proposal, by=request.user, **data
        ),
        _("Progress recorded."),
    )


def answer_list(request):
    """Public: what the board answered and how the implementation goes (accountability)."""
    answered = selectors.recommendation_list().exclude(answer="")
    group = parse_id(request.GET.get("group"))
    if group is not None:
        answered = answered.filter(group_id=group)
    page = Paginator(answered.order_by("-answered_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "board/answer_list.html", {"page": page})
