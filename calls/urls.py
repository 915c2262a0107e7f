from django.urls import path

from .views import catalogue

app_name = "calls"

urlpatterns = [
    path("", catalogue.call_list, name="call_list"),
    path("", catalogue.call_list, name="index"),  # the area's address in the navigation
    path("<int:pk>/<slug:slug>/", catalogue.call_detail, name="call_detail"),
    path(
        "<int:pk>/<slug:slug>/documents/<int:document_pk>/",
        catalogue.call_document,
        name="call_document",
    ),
]
