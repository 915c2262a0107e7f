"""Writes that change what the catalogue counts bump its cached facets' version
(calls.selectors.catalogue.catalogue_changed): a call saved or deleted, its deadlines, its sectors,
regions, provinces and beneficiaries. Signals rather than the services because calls are also
written by the admin, the importers and the data migrations; writes through `QuerySet.update`
(which send no signal) call `catalogue_changed()` themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import CallDeadline, FundingCall
from .selectors.catalogue import catalogue_changed


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        catalogue_changed()


def connect():
    for model in (FundingCall, CallDeadline):
        post_save.connect(
            _changed, sender=model, dispatch_uid=f"calls-facets-save-{model.__name__}"
        )
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"calls-facets-delete-{model.__name__}"
        )
    for name in ("sectors", "regions", "provinces", "beneficiaries"):
        through = getattr(FundingCall, name).through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"calls-facets-{name}")
