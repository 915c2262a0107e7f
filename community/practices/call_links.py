"""The links the showcase offers a funding call's page (gathered by community/call_links.py):
the published good practices linked to the call, and the showcase filtered by the call when
there are more. Two queries; for everybody (published cases are public)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import practices_for_call

SHOWN = 5


def for_call(user, call) -> list:
    cases, total = practices_for_call(call, limit=SHOWN)
    links = [
        (_("Good practice: %(title)s") % {"title": case.title}, case.get_absolute_url())
        for case in cases
    ]
    if total > SHOWN:
        links.append(
            (
                _("All %(count)d good practices linked to this call") % {"count": total},
                f"{reverse('community:practice_list')}?call={call.pk}",
            )
        )
    return links
