from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The languages a reference row (a sector, a kind of beneficiary) is named in: settings.LANGUAGES.
NAME_LANGUAGES = ("it", "en", "de", "fr")


def name_field(language: str | None = None) -> str:
    """The column holding a reference row's name in `language` (default: the one in use):
    name_it, name_en, name_de or name_fr; Italian for any other."""
    code = (language or get_language() or "it")[:2]
    return f"name_{code}" if code in NAME_LANGUAGES else "name_it"


class NamedInLanguages:
    """A reference row with the columns name_it, name_en, name_de and name_fr: `name` is the one
    of the language in use (the Italian one while a translation is empty)."""

    @property
    def name(self) -> str:
        return getattr(self, name_field()) or self.name_it


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who did what to which object, and why: the history every workflow keeps (pretix's log)."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.action} #{self.object_id}"


class LegalPage(models.Model):
    """The privacy notice and the terms of use: public pages whose text staff edit in the admin.

    One row per kind, created by a data migration with a draft the cooperative completes; the body
    is Markdown (rendered by coopportal.core.markdown), in Italian, English, German and French
    (drafts in coopportal/core/legal_drafts.py). A German or French text staff empty gives its
    readers the Italian text, the one that applies, with a line that says so (`translated`).
    """

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy notice")
        TERMS = "terms", _("Terms of use")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title_it = models.CharField(_("title (Italian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_it = models.TextField(_("text (Italian)"), help_text=_("Markdown."))
    body_en = models.TextField(_("text (English)"), help_text=_("Markdown."))
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    body_de = models.TextField(_("text (German)"), blank=True, default="", help_text=_("Markdown."))
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    body_fr = models.TextField(_("text (French)"), blank=True, default="", help_text=_("Markdown."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["kind"]

    def __str__(self):
        return str(self.get_kind_display())

    def _code(self, language: str) -> str:
        code = (language or "it")[:2]
        return code if self.translated(code) else "it"

    def translated(self, language: str) -> bool:
        """Whether the page has its own text in `language` (Italian always has)."""
        code = (language or "it")[:2]
        return code in NAME_LANGUAGES and bool(getattr(self, f"body_{code}", ""))

    def title_in(self, language: str) -> str:
        return getattr(self, f"title_{self._code(language)}") or self.title_it

    def body_in(self, language: str) -> str:
        return getattr(self, f"body_{self._code(language)}")
