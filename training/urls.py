from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
]

# The catalogue's course page arrives with its own issue; until then Course.get_absolute_url (and
# the notifications that link to it) lead to the area's page.
if "course_detail" not in {pattern.name for pattern in urlpatterns}:
    urlpatterns.append(
        path(
            "courses/<int:pk>/<slug:slug>/",
            lambda request, pk, slug: views.index(request),
            name="course_detail",
        )
    )
