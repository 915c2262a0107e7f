"""The links member matching offers the pages of funding calls and calls to action (found by
coopportal.core.discovery.offered_links): the partner finder, for the people who may use it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import can_use_matching


def for_call(user, call) -> list:
    if not can_use_matching(user):
        return []
    return [
        (_("Members who could join this call"), reverse("matching:partners_call", args=[call.pk]))
    ]


def for_action(user, action) -> list:
    if not can_use_matching(user):
        return []
    return [(_("Members who could join"), reverse("matching:partners_action", args=[action.pk]))]
