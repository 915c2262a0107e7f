"""A group's documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel

from .groups import Phase, WorkingGroup

User = settings.AUTH_USER_MODEL


def document_path(instance, filename):
    return f"workgroups/{instance.group_id}/{filename}"


class Document(TimeStampedModel):
    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Regulation")
        WORK_PROGRAMME = "work_programme", _("Work programme")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="documents"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    is_public = models.BooleanField(_("visible to everyone"), default=False)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title
