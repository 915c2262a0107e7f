from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "coopportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and membership")

    def ready(self):
        from . import notifications  # noqa: F401 - registers the kinds
