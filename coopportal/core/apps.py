from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "coopportal.core"
    label = "core"
    verbose_name = _("Core")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site as `admin.site` (see core/admin_site.py)."""

    default = False  # "coopportal.core" itself is CoreConfig
    default_site = "coopportal.core.admin_site.PortalAdminSite"
