from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The portal's shell: home page, dashboard, navigation, demo data. On top of every layer
    (settings.PORTAL_LAYERS), so it may use them all; nothing below imports it."""

    name = "coopportal.web"
    label = "web"
    verbose_name = _("Portal")
