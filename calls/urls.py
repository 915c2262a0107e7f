from django.urls import path

from .views import catalogue, follows

app_name = "calls"

urlpatterns = [
    path("", catalogue.index, name="index"),
    path("per-me/", follows.calls_for_me, name="calls_for_me"),
    path("seguiti/", follows.my_follows, name="my_follows"),
    path("ricerche/", follows.saved_search_create, name="saved_search_create"),
    path("ricerche/<int:pk>/elimina/", follows.saved_search_delete, name="saved_search_delete"),
    path("<int:pk>/segui/", follows.call_follow, name="call_follow"),
    path("<int:pk>/non-seguire/", follows.call_unfollow, name="call_unfollow"),
]
