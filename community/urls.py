from django.urls import include, path

from . import views

app_name = "community"

# each part's URL names start with its name (event…, practice…, maturity…, toolbox…)
urlpatterns = [
    path("", views.index, name="index"),
    path("events/", include("community.events.urls")),
    path("practices/", include("community.practices.urls")),
    path("maturity/", include("community.maturity.urls")),
    path("toolbox/", include("community.toolbox.urls")),
]
