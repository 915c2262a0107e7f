from django.urls import path

from .views import bookings, spaces

app_name = "spaces"

urlpatterns = [
    path("", spaces.space_list, name="space_list"),
    path("", spaces.space_list, name="index"),  # the area's address in the navigation
    path("<int:pk>-<slug:slug>/", spaces.space_detail, name="space_detail"),
    path("foto/<int:pk>/", spaces.photo, name="photo"),
    path("risorse/<int:pk>/prenota/", bookings.booking_create, name="booking_create"),
    path("mie/", bookings.my_bookings, name="my_bookings"),
    path("prenotazioni/<int:pk>/annulla/", bookings.booking_cancel, name="booking_cancel"),
    path("prenotazioni/<int:pk>/conferma/", bookings.booking_confirm, name="booking_confirm"),
    path("prenotazioni/<int:pk>/calendario.ics", bookings.booking_ics, name="booking_ics"),
    path("staff/", bookings.staff_day, name="staff_day"),
    path("staff/prenotazioni/<int:pk>/segna/", bookings.booking_mark, name="booking_mark"),
]
