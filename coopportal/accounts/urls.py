from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("membership/", views.membership, name="membership"),
    path("language/", views.set_language, name="set_language"),
]
