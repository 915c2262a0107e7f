from django.urls import path

from . import views, your_data_views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("membership/", views.membership, name="membership"),
    path("language/", views.set_language, name="set_language"),
    path("data/", your_data_views.your_data_page, name="your_data"),
    path("data/archive/", your_data_views.archive_request, name="archive_request"),
    path("data/<int:pk>/download/", your_data_views.archive_download, name="archive_download"),
    path("delete/", your_data_views.account_delete, name="account_delete"),
]
