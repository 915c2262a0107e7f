from django.urls import path

from .views import discussion, documents, groups, meetings, proposals

app_name = "workgroups"

# Each feature module owns its routes; all of them live under a group's slug except the few
# cross-group pages each module puts first.
urlpatterns = [
    path("", groups.group_list, name="index"),
    *meetings.urlpatterns,
    *discussion.urlpatterns,
    *documents.urlpatterns,
    *proposals.urlpatterns,
    path("<slug:slug>/", groups.group_detail, name="group_detail"),
    path("<slug:slug>/join/", groups.group_join, name="group_join"),
    path("<slug:slug>/leave/", groups.group_leave, name="group_leave"),
    path("<slug:slug>/members/", groups.membership_list, name="membership_list"),
    path(
        "<slug:slug>/members/<int:pk>/<str:decision>/",
        groups.membership_decide,
        name="membership_decide",
    ),
]
