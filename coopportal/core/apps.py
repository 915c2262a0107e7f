from datetime import date, datetime

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .dates import format_date


class CoreConfig(AppConfig):
    name = "coopportal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.admin import utils

        utils.formats = AdminFormats()


class AdminFormats:
    """`django.utils.formats` as the admin sees it, with dates written by `core.dates.format_date`
    ("1° marzo 2018" in Italian, as on pages and in PDFs; "1 March 2018" in English).

    The admin writes every date of its change lists (`items_for_result`) and read-only fields
    (`AdminReadonlyField.contents`) through `display_for_field`/`display_for_value` in
    django.contrib.admin.utils, which call `formats.localize`. That module's `formats` name is set
    to this object in `CoreConfig.ready`: one place covers every ModelAdmin, the portal's and the
    third-party ones (beat schedules), without a display method per date field, and nothing outside
    the admin changes. The admin's templates (object history) already use the portal's `date`
    filter (a template builtin, core/templatetags/portal_dates.py). Anything else is Django's own.
    """

    def __getattr__(self, name):
        return getattr(formats, name)

    @staticmethod
    def localize(value, use_l10n=None):
        if isinstance(value, datetime):
            return format_date(value, "DATETIME_FORMAT")
        if isinstance(value, date):
            return format_date(value, "DATE_FORMAT")
        return formats.localize(value, use_l10n=use_l10n)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site as `admin.site` (see core/admin_site.py)."""

    default = False  # "coopportal.core" itself is CoreConfig
    default_site = "coopportal.core.admin_site.PortalAdminSite"
