"""Shared work spaces that members book: the cooperative's places, the desks and rooms inside
them, bookings on the core capacity engine with a waiting list, reminders and no-shows."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Shared work spaces")

    def ready(self):
        from . import notifications  # noqa: F401 - registers the kinds
