from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "board"
    label = "board"
    verbose_name = _("Board of directors")

    def ready(self):
        from . import notifications  # noqa: F401 - registers the kinds (and the report tasks)
