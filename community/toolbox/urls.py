from django.urls import path

from . import views

# included by community/urls.py under "toolbox/" (namespace "community")
urlpatterns = [
    path("", views.resource_list, name="toolbox_list"),
    path("suggest/", views.resource_suggest, name="toolbox_suggest"),
    path("bookmarks/", views.bookmark_list, name="toolbox_bookmarks"),
    path("my-suggestions/", views.suggestion_list, name="toolbox_suggestions"),
    path("<int:pk>/open/", views.resource_open, name="toolbox_open"),
    path("<int:pk>/bookmark/", views.bookmark_set, name="toolbox_bookmark"),
    path("<int:pk>-<slug:slug>/", views.resource_detail, name="toolbox_detail"),
]
