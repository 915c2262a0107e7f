from django.urls import path

from .views import bookings, spaces

app_name = "spaces"

urlpatterns = [
    path("", spaces.space_list, name="space_list"),
    path("", spaces.space_list, name="index"),  # the area's address in the navigation
    path("<int:pk>-<slug:slug>/", spaces.space_detail, name="space_detail"),
    path("photos/<int:pk>/", spaces.photo, name="photo"),
    path("resources/<int:pk>/book/", bookings.booking_create, name="booking_create"),
    path("mine/", bookings.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/confirm/", bookings.booking_confirm, name="booking_confirm"),
    path("bookings/<int:pk>/calendar.ics", bookings.booking_ics, name="booking_ics"),
    path("staff/", bookings.staff_day, name="staff_day"),
    path("staff/bookings/<int:pk>/mark/", bookings.booking_mark, name="booking_mark"),
]
