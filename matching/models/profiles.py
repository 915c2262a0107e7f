"""Member profiles: one per member, as a person or for their enterprise, and the tags (skills, what
they offer, what they look for) that the directory and the suggestions read.

The profile's sectors, province and enterprise size are the person's own (`accounts.User`): the
calls "for me" read the same fields, so one edit serves both. Tags are one vocabulary for skills,
offers and needs (an offer of *web design* meets a need of *web design*); their `key` is the name
normalised by `tag_key`, so "Web design", "web-design" and "Web Design!" are one tag.

A profile is *listed* (`LISTED`) when its owner is an active, verified member, they left it
visible to members and staff did not hide it. Nothing else is ever shown in the directory, the
suggestions or the partner finder.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import EnterpriseSize
from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector

User = settings.AUTH_USER_MODEL

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def tag_key(name: str) -> str:
    """The normalised form of a tag: lower case, no accents, words joined by '-' —
    'Web design', 'web-design' and ' WEB  Design! ' all give 'web-design'."""
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return _NOT_ALNUM.sub("-", text).strip("-")[:80]


class Tag(models.Model):
    """A skill, an offer or a need ("web design", "contabilità", "spazi per eventi")."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=80)
    uses = models.PositiveIntegerField(_("profiles using it"), default=0, editable=False)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["name"], name="matching_tag_name_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["-uses", "name"], name="matching_tag_uses"),
        ]

    def __str__(self):
        return self.name


class ProfileKind(models.TextChoices):
    PERSON = "person", _("A person")
    ENTERPRISE = "enterprise", _("An enterprise")


class LegalForm(models.TextChoices):
    COOPERATIVE = "coop", _("Cooperative")
    SOCIAL_COOPERATIVE = "social_coop", _("Social cooperative")
    COMPANY = "company", _("Company (S.r.l., S.p.A.)")
    PARTNERSHIP = "partnership", _("Partnership (S.n.c., S.a.s.)")
    SOLE_TRADER = "sole_trader", _("Sole trader")
    FREELANCER = "freelancer", _("Freelancer")
    ASSOCIATION = "association", _("Association or third-sector body")
    OTHER = "other", _("Other")


class ProfileVisibility(models.TextChoices):
    MEMBERS = "members", _("Visible to the members")
    HIDDEN = "hidden", _("Hidden")


class ContactVisibility(models.TextChoices):
    NOBODY = "nobody", _("Nobody")
    CONNECTIONS = "connections", _("My contacts (accepted requests)")
    MEMBERS = "members", _("All the members")


LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("sl", _("Slovenian")),
    ("ar", _("Arabic")),
    ("ro", _("Romanian")),
    ("sq", _("Albanian")),
    ("zh", _("Chinese")),
    ("uk", _("Ukrainian")),
]

# the profile is listed: its owner is an active verified member, it is visible, staff left it
# The fields a member writes about themselves, in the order of the form: those every member may
# read (the preview shows them as they will appear), then the contact fields with their visibility.
DESCRIPTION_FIELDS = (
    "kind",
    "organisation_name",
    "legal_form",
    "presentation",
    "activity",
    "offers_text",
    "needs_text",
    "languages",
    "website",
    "visibility",
    "open_to_collaboration",
)
CONTACT_FIELDS = (
    "contact_email",
    "contact_email_visibility",
    "contact_phone",
    "contact_phone_visibility",
    "contact_address",
    "contact_address_visibility",
)

LISTED = Q(
    visibility=ProfileVisibility.MEMBERS,
    hidden_at__isnull=True,
    user__is_active=True,
    user__membership_verified_at__isnull=False,
)


class Profile(TimeStampedModel):
    """How a member presents themselves (or their enterprise) to the other members."""

    user = models.OneToOneField(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="matching_profile"
    )
    kind = models.CharField(
        _("I present"), max_length=12, choices=ProfileKind.choices, default=ProfileKind.PERSON
    )
    # the name shown: the person's, or the enterprise's (kept by the profile service)
    display_name = models.CharField(_("name shown"), max_length=200, editable=False)
    organisation_name = models.CharField(_("name of the enterprise"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    presentation = models.TextField(_("presentation"), max_length=3000, blank=True)
    activity = models.TextField(_("activity"), max_length=3000, blank=True)
    skills = models.ManyToManyField(
        Tag, verbose_name=_("skills"), blank=True, related_name="skilled_profiles"
    )
    offers_text = models.TextField(_("what I offer"), max_length=2000, blank=True)
    offers = models.ManyToManyField(
        Tag, verbose_name=_("I offer (tags)"), blank=True, related_name="offering_profiles"
    )
    needs_text = models.TextField(_("what I look for"), max_length=2000, blank=True)
    needs = models.ManyToManyField(
        Tag, verbose_name=_("I look for (tags)"), blank=True, related_name="needing_profiles"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    photo = models.FileField(
        _("logo or photo"), upload_to="matching/photos/%Y/%m/", max_length=300, blank=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.MEMBERS,
    )
    open_to_collaboration = models.BooleanField(_("open to collaboration"), default=True)

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_email_visibility = models.CharField(
        _("who sees the e-mail"),
        max_length=12,
        choices=ContactVisibility.choices,
        default=ContactVisibility.CONNECTIONS,
    )
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_phone_visibility = models.CharField(
        _("who sees the phone"),
        max_length=12,
        choices=ContactVisibility.choices,
        default=ContactVisibility.CONNECTIONS,
    )
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    contact_address_visibility = models.CharField(
        _("who sees the address"),
        max_length=12,
        choices=ContactVisibility.choices,
        default=ContactVisibility.CONNECTIONS,
    )

    # kept by the services
    listed_at = models.DateTimeField(
        _("visible since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the profile last became visible to the members (saved searches)."),
    )
    completeness = models.PositiveSmallIntegerField(
        _("completeness (%)"), default=0, editable=False
    )
    skills_text = models.CharField(max_length=2000, blank=True, editable=False)
    tags_text = models.TextField(blank=True, editable=False)  # offers and needs, for search
    search_vector = SearchVectorField(null=True, editable=False)

    # staff moderation
    hidden_at = models.DateTimeField(_("hidden by staff at"), null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        User,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    hidden_reason = models.TextField(_("reason for hiding"), max_length=2000, blank=True)

    SEARCH_VECTOR = weighted_vector(
        ("display_name", "A"),
        ("skills_text", "A"),
        ("organisation_name", "A"),
        ("activity", "B"),
        ("presentation", "B"),
        ("tags_text", "C"),
        ("offers_text", "C"),
        ("needs_text", "C"),
    )

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["display_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProfileKind.values), name="matching_profile_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=ProfileVisibility.values),
                name="matching_profile_visibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(completeness__lte=100), name="matching_profile_completeness_max"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="matching_profile_search"),
            GinIndex(
                fields=["display_name"],
                name="matching_profile_name_trgm",
                opclasses=["gin_trgm_ops"],
            ),
            GinIndex(
                fields=["skills_text"],
                name="matching_profile_skills_trgm",
                opclasses=["gin_trgm_ops"],
            ),
            models.Index(fields=["listed_at"], name="matching_profile_listed_at"),
        ]

    def __str__(self):
        return self.display_name or str(self.user)

    def get_absolute_url(self):
        return reverse("matching:profile_detail", args=[self.pk])

    @property
    def is_enterprise(self) -> bool:
        return self.kind == ProfileKind.ENTERPRISE

    @property
    def size_label(self) -> str:
        size = self.user.enterprise_size
        return str(EnterpriseSize(size).label) if size else ""
