"""Staff's side of the showcase: the cases, submitted ones first, validated through the same
services (and so the PRACTICE workflow, its audit and its notifications) as the portal's
validation page: publish, return for changes or reject, each asking for a reason (required to
return or reject). The content is the proposer's: staff read it here and never edit it."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import ReadOnlyAdmin, reason_action

from . import services
from .models import Practice


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    allow_change = True  # the change page stays open for the actions (permission "change")
    show_history = True
    list_display = ["title", "kind", "organisation", "region", "year", "status", "proposer"]
    list_filter = ["status", "kind", "region", "year"]
    search_fields = ["title", "organisation", "summary", "proposer__email", "proposer__last_name"]
    list_select_related = ["region", "proposer"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "kind",
        "summary",
        "organisation",
        "region",
        "sector",
        "year",
        "problem",
        "actions",
        "results",
        "evidence",
        "people",
        "funding",
        "transferability",
        "cover",
        "groups",
        "calls",
        "courses",
        "proposer",
        "status",
        "submitted_at",
        "published_at",
        "decided_at",
        "decided_by",
        "decision_reason",
    ]
    readonly_fields = ["groups", "calls", "courses"]
    actions = ["publish", "return_for_changes", "reject"]

    publish = reason_action(
        services.practice_publish,
        arg="practice",
        description=_("Publish the selected good practices"),
        title=_("Publish good practices"),
        label=_("A note for the proposer (optional)"),
        require_reason=False,
        permissions=["change"],
    )
    return_for_changes = reason_action(
        services.practice_return,
        arg="practice",
        description=_("Return for changes, with the reason"),
        title=_("Return good practices for changes"),
        label=_("What the proposer should change"),
        require_reason=True,
        permissions=["change"],
    )
    reject = reason_action(
        services.practice_reject,
        arg="practice",
        description=_("Reject, with the reason"),
        title=_("Reject good practices"),
        label=_("Why the good practice is not accepted (the proposer reads it)"),
        require_reason=True,
        permissions=["change"],
    )

    def get_ordering(self, request):
        waiting_first = Case(
            When(status=Practice.Status.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "-updated_at", "pk"]
