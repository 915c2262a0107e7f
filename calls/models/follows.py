"""Who follows what: a call (reminders before its internal deadline), or a search (told of new
matching calls), and the reminders already sent (each exactly once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel

from .catalogue import FundingCall

User = settings.AUTH_USER_MODEL


class CallFollow(TimeStampedModel):
    """A person follows a call: reminders 14, 7 and 1 day before its internal deadline."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="call_follows"
    )
    call = models.ForeignKey(
        FundingCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="follows"
    )

    class Meta:
        verbose_name = _("followed call")
        verbose_name_plural = _("followed calls")
        constraints = [models.UniqueConstraint(fields=["user", "call"], name="calls_follow_unique")]

    def __str__(self):
        return f"{self.user} → {self.call}"


class SavedSearch(TimeStampedModel):
    """A search a person keeps (the catalogue's filters as a query string, or the sectors and
    territories they follow): a new or newly opened call that matches tells them."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="call_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("filters"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="calls_search_unique")
        ]

    def __str__(self):
        return self.name


class CallReminder(models.Model):
    """One reminder sent: to a person, for a call's internal deadline, N days before it. The unique
    key makes a second run of the beat job send nothing twice."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="call_reminders"
    )
    call = models.ForeignKey(
        FundingCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="reminders"
    )
    deadline_at = models.DateTimeField(_("internal deadline"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "call", "deadline_at", "days_before"],
                name="calls_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.call} −{self.days_before}"
