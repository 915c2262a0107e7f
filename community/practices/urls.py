from django.urls import path

from . import views

# included by community/urls.py under "practices/", in the "community" namespace
urlpatterns = [
    path("", views.practice_list, name="practice_list"),
    path("new/", views.practice_create, name="practice_create"),
    path("mine/", views.practice_mine, name="practice_mine"),
    path("review/", views.practice_review, name="practice_review"),
    path("edit/<int:pk>/", views.practice_edit, name="practice_edit"),
    path("submit/<int:pk>/", views.practice_submit, name="practice_submit"),
    path("cover/<int:pk>/", views.practice_cover, name="practice_cover"),
    path("decide/<int:pk>/", views.practice_decide, name="practice_decide"),
    path("<int:pk>/<slug:slug>/", views.practice_detail, name="practice_detail"),
]
