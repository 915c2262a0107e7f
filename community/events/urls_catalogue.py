"""The events' list, page, registration, catalogue, requests and slot picks."""

from django.urls import path

from .views import catalogue, events, requests

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("<int:pk>/", events.event_detail, name="event_detail"),
    path("<int:pk>/register/", events.event_register, name="event_register"),
    path("<int:pk>/unregister/", events.event_unregister, name="event_unregister"),
    path("<int:pk>/profile/", events.event_profile, name="event_profile"),
    path("<int:pk>/catalogue/", catalogue.event_catalogue, name="event_catalogue"),
    path("<int:pk>/request/<int:registration_pk>/", catalogue.event_request, name="event_request"),
    path("<int:pk>/requests/", requests.event_requests, name="event_requests"),
    path("requests/<int:pk>/<str:to>/", requests.event_request_move, name="event_request_move"),
    path("meetings/<int:pk>/time/", requests.event_slot_pick, name="event_slot_pick"),
]
