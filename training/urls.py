from django.urls import path

from .views import catalogue, enrolment
from .views import needs as need_views
from .views import requests as request_views

app_name = "training"

urlpatterns = [
    path("", catalogue.course_list, name="course_list"),
    path("", catalogue.course_list, name="index"),  # the area's address in the navigation
    path("mie/", enrolment.my_training, name="my_training"),
    path("corsi/<int:pk>/iscriviti/", enrolment.course_enrol, name="course_enrol"),
    path("corsi/<int:pk>/annulla/", enrolment.course_cancel, name="course_cancel"),
    path("corsi/<int:pk>/conferma/", enrolment.course_offer_confirm, name="course_offer_confirm"),
    path("corsi/<int:pk>/lascia/", enrolment.course_waiting_leave, name="course_waiting_leave"),
    path("corsi/<int:pk>-<slug:slug>/", catalogue.course_detail, name="course_detail"),
]

# training needs, applications to teach, consultation requests
urlpatterns += [
    path("bisogni/", need_views.need_list, name="need_list"),
    path("bisogni/nuovo/", need_views.need_create, name="need_create"),
    path("bisogni/<int:pk>/sostieni/", need_views.need_support, name="need_support"),
    path("bisogni/<int:pk>/ritira/", need_views.need_unsupport, name="need_unsupport"),
    path("insegnare/", request_views.trainer_application, name="trainer_application"),
    path(
        "insegnare/<int:pk>/ritira/",
        request_views.trainer_application_withdraw,
        name="trainer_application_withdraw",
    ),
    path("consulenze/", request_views.consultation_list, name="consultation_list"),
    path("consulenze/nuova/", request_views.consultation_create, name="consultation_create"),
    path("consulenze/<int:pk>/", request_views.consultation_detail, name="consultation_detail"),
    path(
        "consulenze/<int:pk>/annulla/",
        request_views.consultation_cancel,
        name="consultation_cancel",
    ),
]

from .views import calendar as calendar_views  # noqa: E402
from .views import feedback as feedback_views  # noqa: E402

urlpatterns += [
    path("corsi/<int:pk>/calendario.ics", calendar_views.course_ics, name="course_ics"),
    path("corsi/<int:pk>/valutazione/", feedback_views.feedback_form, name="feedback_form"),
    path("valutazioni/", feedback_views.feedback_summary, name="feedback_summary"),
]
