"""Calls to action (Coop Re-Start): the cooperative asks its members for something — a theme, a
text, a deadline and a target number of answers; members answer with what they bring. When it
closes, staff turn the respondents into a working group (or, once they exist, a matching event)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class CallToAction(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=120)
    body = models.TextField(_("text"), max_length=20000, help_text=_("Markdown."))
    deadline_at = models.DateTimeField(_("answers until"))
    target = models.PositiveIntegerField(
        _("target number of answers"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    is_published = models.BooleanField(_("published"), default=True)
    responses_count = models.PositiveIntegerField(_("answers"), default=0, editable=False)
    converted_at = models.DateTimeField(
        _("turned into a group at"), null=True, blank=True, editable=False
    )
    outcome_name = models.CharField(_("what it became"), max_length=200, blank=True, editable=False)
    outcome_url = models.CharField(_("its address"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")
        ordering = ["-deadline_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:action_detail", args=[self.slug])

    @property
    def is_open(self) -> bool:
        return self.is_published and self.converted_at is None and self.deadline_at > timezone.now()

    @property
    def progress(self) -> int:
        """Per cent of the target reached (at most 100)."""
        return min(100, round(100 * self.responses_count / self.target)) if self.target else 0


class ActionResponse(TimeStampedModel):
    """A member's expression of interest: what they bring; whether the other respondents who agree
    may see them."""

    action = models.ForeignKey(
        CallToAction,
        verbose_name=_("call to action"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="action_responses"
    )
    contribution = models.TextField(_("what I bring"), max_length=3000)
    share_with_others = models.BooleanField(
        _("the other respondents who agree may see my answer and my name"), default=False
    )

    class Meta:
        verbose_name = _("answer to a call to action")
        verbose_name_plural = _("answers to calls to action")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "user"], name="calls_response_once")
        ]

    def __str__(self):
        return f"{self.user} → {self.action}"
