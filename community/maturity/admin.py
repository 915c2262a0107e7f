"""Staff read the self-assessments and the questionnaire versions; nobody adds, edits or
deletes them here (members answer on the portal; the versions are written in code)."""

from django.contrib import admin

from coopportal.core.admin import ReadOnlyAdmin

from .models import SCORE_FIELDS, MaturityAssessment, QuestionnaireVersion


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(ReadOnlyAdmin):
    list_display = ["version", "title", "created_at"]
    fields = ["version", "title", "definition", "created_at"]
    readonly_fields = fields


@admin.register(MaturityAssessment)
class MaturityAssessmentAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = [
        "organisation_name",
        "user",
        "submitted_at",
        "overall_score",
        "band",
        "region",
        "sector",
    ]
    list_filter = ["band", "version", "submitted_at", "region"]
    search_fields = ["organisation_name", "user__email", "user__last_name"]
    list_select_related = ["user", "region", "sector"]
    date_hierarchy = "submitted_at"
    fields = [
        "user",
        "organisation_name",
        "version",
        "submitted_at",
        "province",
        "region",
        "sector",
        *SCORE_FIELDS,
        "overall_score",
        "band",
        "answers",
    ]
    readonly_fields = fields
