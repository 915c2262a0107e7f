from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
]

from .views import calendar as calendar_views  # noqa: E402
from .views import feedback as feedback_views  # noqa: E402

urlpatterns += [
    path("corsi/<int:pk>/calendario.ics", calendar_views.course_ics, name="course_ics"),
    path("corsi/<int:pk>/valutazione/", feedback_views.feedback_form, name="feedback_form"),
    path("valutazioni/", feedback_views.feedback_summary, name="feedback_summary"),
]
