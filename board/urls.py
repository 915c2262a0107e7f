from django.urls import path

from .views import dashboard, exports, figures, meetings, reports

app_name = "board"

urlpatterns = [
    path("", dashboard.recommendation_list, name="index"),
    path("answers/", dashboard.answer_list, name="answer_list"),
    path(
        "recommendations/<int:pk>/", dashboard.recommendation_detail, name="recommendation_detail"
    ),
    path(
        "recommendations/<int:pk>/answer/",
        dashboard.recommendation_answer,
        name="recommendation_answer",
    ),
    path(
        "recommendations/<int:pk>/progress/",
        dashboard.recommendation_progress,
        name="recommendation_progress",
    ),
    *exports.urlpatterns,
    *meetings.urlpatterns,
    *figures.urlpatterns,
    *reports.urlpatterns,
]
