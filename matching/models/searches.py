"""Saved directory searches: a member keeps a search and hears, in a daily digest, of new profiles
that match it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class ProfileSearch(TimeStampedModel):
    """A directory search a member keeps (the directory's filters as a query string)."""

    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="profile_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("filters"), max_length=2000)
    # profiles listed or changed before this were already told (the digest moves it on)
    checked_at = models.DateTimeField(_("last looked for new profiles"))

    class Meta:
        verbose_name = _("saved directory search")
        verbose_name_plural = _("saved directory searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="matching_search_unique")
        ]

    def __str__(self):
        return self.name
