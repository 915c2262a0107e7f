from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community of practice")

    def ready(self):
        from ._parts import part_modules

        for _module in part_modules("notifications"):  # registers the kinds
            pass
