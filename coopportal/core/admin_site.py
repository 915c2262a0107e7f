"""The portal's admin site: every ModelAdmin registered on it — the portal's and the libraries'
(auth, allauth, django-celery-beat) — lists its objects through `GuardedChangeList`, so a hostile
query string gets Django's usual "?e=1" redirect instead of a 500.

Installed as the default site by `coopportal.core.apps.PortalAdminConfig` (it stands in for
"django.contrib.admin" in INSTALLED_APPS), so `admin.site` and `@admin.register` are this site.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from .params import parse_int

# datetime holds years 1–9999 and the changelist looks one year past the one chosen.
DATE_PARTS = {"year": (1, 9998), "month": (1, 12), "day": (1, 31)}


class GuardedChangeList(ChangeList):
    """Refuses, as incorrect lookup parameters, what Django's ChangeList lets through to a 500:
    NUL characters (PostgreSQL cannot compare text with them), date_hierarchy numbers a date
    cannot hold (OverflowError, or year 9999 whose next year does not exist) and numbers too
    large for the C types Django converts them to."""

    def get_filters(self, request):
        for key, values in self.filter_params.items():
            if any("\x00" in value for value in values):
                raise IncorrectLookupParameters(f"NUL character in {key}")
        if self.date_hierarchy:
            for part, (low, high) in DATE_PARTS.items():
                values = self.filter_params.get(f"{self.date_hierarchy}__{part}")
                if values and parse_int(values[-1], min=low, max=high) is None:
                    raise IncorrectLookupParameters(f"{part} out of range")
        try:
            return super().get_filters(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc

    def get_queryset(self, request, exclude_parameters=None):
        try:
            return super().get_queryset(request, exclude_parameters)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc


class GuardedChangeListMixin:
    def get_changelist(self, request, **kwargs):
        base = super().get_changelist(request, **kwargs)
        if base is ChangeList or issubclass(base, GuardedChangeList):
            return GuardedChangeList if base is ChangeList else base
        return type(f"Guarded{base.__name__}", (GuardedChangeList, base), {})


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GuardedChangeListMixin):
            admin_class = type(
                admin_class.__name__,
                (GuardedChangeListMixin, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)
