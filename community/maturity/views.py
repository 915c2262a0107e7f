"""The self-assessment's pages: the way in, the questionnaire, a result (radar chart, changes
since the last time, recommendations), one's history, and the staff's and board's overview by
territory and sector."""

from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.accounts.permissions import must_use_second_factor
from coopportal.core.exceptions import DomainError
from coopportal.core.http import role_required
from coopportal.core.params import parse_int

from . import charts, overview, permissions, selectors, services
from .forms import AssessmentForm
from .questionnaire import CURRENT, DIMENSION_NAMES
from .recommendations import recommendation_for
from .scoring import BAND_TOPS


def _members_only(view):
    """Visitors log in; participants (and anyone else who is not a member) read why not."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_take_assessment(request.user):
            return render(request, "community/maturity/members_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _with_second_factor(view):
    """Staff and board members reach the overview with a second factor, as the board area."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if must_use_second_factor(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            messages.warning(
                request,
                _(
                    "To see the results of the cooperatives, first turn on two-factor "
                    "authentication."
                ),
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
def index(request):
    user = request.user
    can_take = bool(permissions.can_take_assessment(user))
    history = selectors.assessment_history(user) if can_take else []
    return render(
        request,
        "community/maturity/index.html",
        {
            "can_take": can_take,
            "can_view_overview": bool(permissions.can_view_overview(user)),
            "latest": history[-1] if history else None,
            "count": len(history),
            "dimensions": list(DIMENSION_NAMES.values()),
            "bands": _bands(),
        },
    )


def _bands():
    bottom, bands = 0, []
    for top, band in BAND_TOPS:
        bands.append({"label": band.label, "low": bottom, "high": top})
        bottom = top + 1
    return bands


@require_http_methods(["GET", "POST"])
@_members_only
def assessment_new(request):
    form = AssessmentForm(request.POST or None, questionnaire=CURRENT)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.assessment_submit(
                    by=request.user, version=form.cleaned_data["version"], answers=form.answers()
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Thank you: here is your cooperative's result."))
                return redirect(assessment)
        messages.error(request, _("The assessment was not saved: please check the answers."))
        status = 400
    return render(
        request,
        "community/maturity/assessment_form.html",
        {"form": form, "questionnaire": CURRENT},
        status=status,
    )


@require_GET
def assessment_detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assessment = selectors.assessment_access(request.user, pk)
    before = selectors.assessment_before(assessment)
    scores = assessment.scores
    return render(
        request,
        "community/maturity/assessment_detail.html",
        {
            "assessment": assessment,
            "before": before,
            "changes": selectors.changes(assessment, before),
            "radar": charts.radar(scores, before.scores if before else None),
            "recommendation": recommendation_for(scores, user=request.user),
            "is_own": assessment.user_id == request.user.pk,
            "legend": charts.legend(),
        },
    )


@require_GET
@_members_only
def assessment_history(request):
    history = selectors.assessment_history(request.user)
    rows = []
    for index, assessment in enumerate(history):
        before = history[index - 1] if index else None
        rows.append({"assessment": assessment, "changes": selectors.changes(assessment, before)})
    rows.reverse()  # newest first in the table
    chart = charts.line_chart(
        [a.overall_score for a in history],
        [timezone.localtime(a.submitted_at).strftime("%d/%m/%Y") for a in history],
    )
    return render(
        request,
        "community/maturity/assessment_history.html",
        {
            "rows": rows,
            "chart": chart if history else None,
            "dimension_headers": _headers(),
        },
    )


def _headers():
    """(short, full) names of the dimensions for narrow table headers."""
    return [(charts.SHORT_NAMES[key], name) for key, name in DIMENSION_NAMES.items()]


@require_GET
@role_required(permissions.can_view_overview)
@_with_second_factor
def overview_page(request):
    trend = overview.trend()
    half = overview.Half.from_key(parse_int(request.GET.get("half")))
    if half is None:
        half = trend[-1].half if trend else overview.Half.of(timezone.now())
    by = request.GET.get("by") if request.GET.get("by") in overview.GROUPINGS else "region"
    result = overview.overview(half=half, by=by)
    chart = charts.line_chart(
        [row.cell.overall for row in trend], [row.half.short_label for row in trend]
    )
    halves = [row.half for row in trend]
    if half not in halves:
        halves.append(half)
    return render(
        request,
        "community/maturity/overview.html",
        {
            "result": result,
            "map": charts.tile_map(result.region_names, result.regions),
            "legend": charts.legend(),
            "trend": trend,
            "trend_chart": chart if trend else None,
            "halves": sorted(halves, key=lambda h: h.key, reverse=True),
            "groupings": [
                ("region", _("Region")),
                ("province", _("Province")),
                ("sector", _("Sector")),
            ],
            "min_cell": overview.MIN_CELL,
            "dimension_headers": _headers(),
        },
    )
