"""Course feedback in the admin: read-only rows (the attendees write them), with the course's
average and count alongside; the figures per course and trainer are on the staff page
training:feedback_summary."""

from django.contrib import admin
from django.db.models import Avg, Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import ReadOnlyAdmin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["course", "rating", "course_average", "course_count", "user", "created_at"]
    list_filter = ["rating", "created_at"]
    search_fields = ["course__title", "comments"]
    list_select_related = ["course", "user"]
    date_hierarchy = "created_at"
    fields = ["course", "user", "rating", "comments", "created_at", "updated_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        same_course = Feedback.objects.filter(course=OuterRef("course")).values("course")
        return (
            super()
            .get_queryset(request)
            .annotate(
                _course_average=Subquery(same_course.annotate(a=Avg("rating")).values("a")[:1]),
                _course_count=Subquery(same_course.annotate(n=Count("pk")).values("n")[:1]),
            )
        )

    @admin.display(description=_("course average"), ordering="_course_average")
    def course_average(self, obj):
        return f"{obj._course_average:.1f}" if obj._course_average is not None else "-"

    @admin.display(description=_("answers on the course"), ordering="_course_count")
    def course_count(self, obj):
        return obj._course_count
