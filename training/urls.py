from django.urls import path

from .views import catalogue, enrolment

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
