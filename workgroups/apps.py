from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Working groups")

    def ready(self):
        from . import notifications  # noqa: F401 - registers the kinds
