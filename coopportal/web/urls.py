from django.urls import path

from coopportal.core import urls as core_urls

from . import calendar, views

# The namespace stays "core" (core:home, core:dashboard, core:privacy, core:terms): the names
# people's bookmarks and the templates use did not change when the shell left core.
app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    *core_urls.urlpatterns,
    path("me/calendario/", calendar.calendar_settings, name="calendar_settings"),
    path("me/calendario/rinnova/", calendar.calendar_regenerate, name="calendar_regenerate"),
    path("calendario/<str:secret>.ics", calendar.calendar_feed, name="calendar_feed"),
]
