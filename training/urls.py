from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
]

from .views import attendance as attendance_views  # noqa: E402
from .views import certificates as certificate_views  # noqa: E402

urlpatterns += [
    path(
        "corsi/<int:course_pk>/sessioni/<int:session_pk>/registro/",
        attendance_views.session_register,
        name="session_register",
    ),
    path(
        "corsi/<int:course_pk>/sessioni/<int:session_pk>/registro/codice/",
        attendance_views.session_checkin_code,
        name="session_checkin_code",
    ),
    path(
        "corsi/<int:course_pk>/sessioni/<int:session_pk>/check-in/",
        attendance_views.session_checkin,
        name="session_checkin",
    ),
    path("check-in/", attendance_views.checkin, name="checkin"),
    path(
        "attestati/<str:code>.pdf",
        certificate_views.certificate_download,
        name="certificate_download",
    ),
    path("verifica/", certificate_views.certificate_verify_form, name="certificate_verify_form"),
    path("verifica/<str:code>/", certificate_views.certificate_verify, name="certificate_verify"),
]
