from django.urls import path

from . import views

# included by community/urls.py under maturity/ (app namespace "community")
urlpatterns = [
    path("", views.index, name="maturity_index"),
    path("new/", views.assessment_new, name="maturity_new"),
    path("results/<int:pk>/", views.assessment_detail, name="maturity_result"),
    path("history/", views.assessment_history, name="maturity_history"),
    path("overview/", views.overview_page, name="maturity_overview"),
]
