"""Applications through the cooperative: the lead's and co-applicants' pages, and the reviewer's."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status, get_or_404, serve_file
from coopportal.core.markdown import render_markdown
from coopportal.core.ratelimit import limit_writes

from .. import permissions
from ..forms import (
    ApplicationCreateForm,
    ApplicationForm,
    AttachmentForm,
    BudgetLineForm,
    ConflictForm,
    DeclarationsForm,
    InviteForm,
    ReasonForm,
    ScoreForm,
)
from ..models import ApplicationAttachment, BudgetLine, FundingCall, Review, Rule
from ..selectors import applications as selectors
from ..services import applications as services
from ..services import reviews as review_services
from ..workflows import APPLICATION, COAPPLICANT

Status = APPLICATION.model.Status


def _call_for_applying(request, pk):
    call = FundingCall.objects.filter(pk=pk, is_published=True).first()
    return get_or_404(call)


@login_required
@limit_writes("applications")
def application_create(request, pk):
    call = _call_for_applying(request, pk)
    if not permissions.can_apply(request.user, call):
        messages.error(request, _("Only members of the cooperative apply through it."))
        return redirect(call)
    form = ApplicationCreateForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.application_create(call=call, by=request.user, **data),
            success=_("Draft saved: add the budget, invite co-applicants, then submit."),
            field_codes={"title", "requested_amount"},
        )
        if done:
            return redirect(done.value)
    return render(
        request,
        "calls/application_form.html",
        {"form": form, "call": call},
        status=form_status(form),
    )


@login_required
def application_edit(request, pk):
    application = selectors.application_access(request.user, pk)
    if not permissions.can_edit_application(request.user, application):
        raise Http404
    initial = {
        "title": application.title,
        "summary": application.summary,
        "requested_amount": application.requested_amount,
    }
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.application_update(
                application=application, by=request.user, **data
            ),
            success=_("Saved."),
            field_codes={"title", "requested_amount"},
        )
        if done:
            return redirect(application)
    context = {"form": form, "call": application.call, "application": application}
    return render(request, "calls/application_form.html", context, status=form_status(form))


def _timeline(application, applicant_ids):
    """The applicants' timeline: staff and reviewers show as "the cooperative"."""
    rows = []
    for event in selectors.applicant_timeline(application).select_related("actor"):
        actor = event.actor
        shown = actor.display_name if actor and actor.pk in applicant_ids else _("the cooperative")
        rows.append(
            {
                "event": event,
                "label": APPLICATION.label(event.data.get("to", "")),
                "by": shown if actor else _("the cooperative"),
            }
        )
    return rows


@login_required
def application_detail(request, pk):
    user = request.user
    application = selectors.application_access(user, pk)
    applicant_ids = set(services.applicants(application))
    can_edit = permissions.can_edit_application(user, application)
    is_lead = bool(permissions.is_lead(user, application))
    checks = services.rule_checks(application)
    declared_rules = [check.rule for check in checks if check.declared]
    context = {
        "application": application,
        "call": application.call,
        "summary_html": render_markdown(application.summary),
        "budget_lines": list(application.budget_lines.all()),
        "budget_total": services.budget_total(application),
        "attachments": list(application.attachments.all()),
        "co_applicants": list(application.co_applicants.select_related("user")),
        "checks": checks,
        "moves": APPLICATION.available_moves(user, application),
        "timeline": _timeline(application, applicant_ids),
        "invitation": selectors.invitation_of(user, application),
        "can_edit": can_edit,
        "is_lead": is_lead,
        "is_staff": permissions.can_see_reviews(user),
        "budget_form": BudgetLineForm(),
        "attachment_form": AttachmentForm(),
        "invite_form": InviteForm(),
        "declarations_form": DeclarationsForm(
            rules=declared_rules,
            initial={"rules": [str(c.rule.pk) for c in checks if c.declared and c.ok]},
        ),
        "reason_form": ReasonForm(),
    }
    invitation = context["invitation"]
    context["invitation_moves"] = (
        COAPPLICANT.available_moves(user, invitation) if invitation else {}
    )
    return render(request, "calls/application_detail.html", context)


@login_required
def application_list(request):
    context = {
        "applications": selectors.my_applications(request.user),
        "reviews": selectors.my_reviews(request.user),
    }
    return render(request, "calls/application_list.html", context)


def _post_back(request, application, form, call, *, success, field_codes=frozenset()):
    act_on_form(
        request, form, call, success=success, errors_as_message=True, field_codes=field_codes
    )
    return redirect(application)


@login_required
@require_POST
def budget_line_add(request, pk):
    application = selectors.application_access(request.user, pk)
    return _post_back(
        request,
        application,
        BudgetLineForm(request.POST),
        lambda **data: services.budget_line_add(application=application, by=request.user, **data),
        success=_("Budget line added."),
    )


@login_required
@require_POST
def budget_line_remove(request, pk, line_pk):
    application = selectors.application_access(request.user, pk)
    line = get_object_or_404(BudgetLine, pk=line_pk, application=application)
    act(
        request,
        lambda: services.budget_line_remove(line=line, by=request.user),
        success=_("Budget line removed."),
    )
    return redirect(application)


@login_required
@require_POST
def attachment_add(request, pk):
    application = selectors.application_access(request.user, pk)
    return _post_back(
        request,
        application,
        AttachmentForm(request.POST, request.FILES),
        lambda **data: services.attachment_add(application=application, by=request.user, **data),
        success=_("Attachment added."),
    )


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    application = selectors.application_access(request.user, pk)
    attachment = get_object_or_404(ApplicationAttachment, pk=attachment_pk, application=application)
    act(
        request,
        lambda: services.attachment_remove(attachment=attachment, by=request.user),
        success=_("Attachment removed."),
    )
    return redirect(application)


@login_required
def attachment_download(request, pk, attachment_pk):
    application = selectors.application_access(request.user, pk)
    attachment = get_object_or_404(ApplicationAttachment, pk=attachment_pk, application=application)
    extension = attachment.file.name.rsplit(".", 1)[-1]
    return serve_file(
        attachment.file,
        filename=f"{attachment.title}.{extension}",
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def co_applicant_invite(request, pk):
    application = selectors.application_access(request.user, pk)

    def invite(email):
        User = get_user_model()
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            from ..exceptions import CallsError

            raise CallsError(_("No member has this e-mail address."), code="email")
        return services.co_applicant_invite(application=application, by=request.user, user=person)

    return _post_back(
        request, application, InviteForm(request.POST), invite, success=_("Invitation sent.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def co_applicant_answer(request, pk, answer):
    application = selectors.application_access(request.user, pk)
    invitation = selectors.invitation_of(request.user, application)
    if invitation is None or answer not in ("accept", "decline"):
        raise Http404
    if answer == "decline" and not confirmed(request):
        return ask(
            request,
            question=_("Decline the invitation to “%(title)s”?") % {"title": application.title},
            consequence=_("The lead is told; you cannot accept it afterwards."),
            action=_("Decline the invitation"),
            cancel_url=application.get_absolute_url(),
        )
    if request.method != "POST":
        return redirect(application)
    service = services.co_applicant_accept if answer == "accept" else services.co_applicant_decline
    act(
        request,
        lambda: service(invitation=invitation, by=request.user),
        success=_("Thank you: the lead is told."),
    )
    if answer == "decline":
        return redirect("calls:application_list")
    return redirect(application)


@login_required
@require_POST
def rules_declare(request, pk):
    application = selectors.application_access(request.user, pk)
    declared = services.rules_for(application.call).filter(kind=Rule.Kind.DECLARED)
    form = DeclarationsForm(request.POST, rules=declared)
    return _post_back(
        request,
        application,
        form,
        lambda rules: services.rules_declare(
            application=application, by=request.user, rule_ids=rules
        ),
        success=_("Declarations saved."),
    )


MOVES = {
    "submit": lambda application, by, reason: services.application_submit(
        application=application, by=by
    ),
    "withdraw": lambda application, by, reason: services.application_withdraw(
        application=application, by=by, reason=reason
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def application_move(request, pk, move):
    application = selectors.application_access(request.user, pk)
    if move not in MOVES:
        raise Http404
    form = ReasonForm(request.POST or None)
    if move == "withdraw" and not confirmed(request):
        return ask(
            request,
            question=_("Withdraw “%(title)s”?") % {"title": application.title},
            consequence=_("The application stops here: the cooperative will not submit it."),
            action=_("Withdraw the application"),
            cancel_url=application.get_absolute_url(),
            form=form,
        )
    if request.method != "POST":
        return redirect(application)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    success = _("Submitted: the staff will review it.") if move == "submit" else _("Withdrawn.")
    act(request, lambda: MOVES[move](application, request.user, reason), success=success)
    return redirect(application)


# --- the reviewer's page ------------------------------------------------------------------------


@login_required
def review_detail(request, pk):
    review = get_object_or_404(
        Review.objects.select_related("application", "application__call", "application__lead"),
        pk=pk,
        reviewer=request.user,
    )
    application = review.application
    criteria = review_services.criteria_for(application.call)
    conflict_form = ConflictForm()
    score_form = ScoreForm(criteria=criteria)
    status = 200
    if request.method == "POST" and "conflict" in request.POST:
        conflict_form = ConflictForm(request.POST)
        done = act_on_form(
            request,
            conflict_form,
            lambda conflict: review_services.review_declare(
                review=review, by=request.user, conflict=conflict
            ),
            success=_("Declaration saved."),
        )
        if done:
            return redirect("calls:review_detail", pk=review.pk)
        status = form_status(conflict_form)
    elif request.method == "POST":
        score_form = ScoreForm(request.POST, criteria=criteria)
        done = act_on_form(
            request,
            score_form,
            lambda **data: review_services.review_submit(
                review=review,
                by=request.user,
                scores=score_form.scores(),
                comment=data.get("comment", ""),
            ),
            success=_("Review sent: thank you."),
        )
        if done:
            return redirect("calls:review_detail", pk=review.pk)
        status = form_status(score_form)
    context = {"review": review, "application": application, "call": application.call}
    if review.conflict_declared_at is None:  # with a conflict, nothing of the application
        context.update(
            summary_html=render_markdown(application.summary),
            budget_lines=list(application.budget_lines.all()),
            budget_total=services.budget_total(application),
            attachments=list(application.attachments.all()),
            scores=list(review.scores.select_related("criterion")),
            conflict_form=conflict_form,
            score_form=score_form,
        )
    return render(request, "calls/review_detail.html", context, status=status)
