"""Reading profiles: what a member may see of whom.

Every page of the area reads profiles through `profiles_visible_to(viewer)` (listed, and neither
person blocked the other) or the loader `profile_access(viewer, pk)`, which answers 404 for a
missing, hidden or blocked profile alike (a guessed URL learns nothing). Contact details go through
`contact_fields(viewer, profile, connected=…)`: a field is shown only to whom its owner allowed.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import EnterpriseSize

from ..models import Block, ContactRequest, ContactVisibility, Profile, ProfileKind, Tag, tag_key
from ..models.profiles import DESCRIPTION_FIELDS, LANGUAGES, LISTED


def _blocked_q(viewer) -> Q:
    """The profiles whose owner the viewer blocked, or who blocked the viewer."""
    return Q(Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("user_id")))) | Q(
        Exists(Block.objects.filter(blocker=OuterRef("user_id"), blocked=viewer))
    )


def profiles_listed():
    """Every listed profile (an active verified member's, visible, not hidden by staff)."""
    return Profile.objects.filter(LISTED)


def profiles_visible_to(viewer):
    """The listed profiles `viewer` may see: no one they blocked or who blocked them."""
    return profiles_listed().exclude(_blocked_q(viewer))


def are_blocked(a, b) -> bool:
    """Whether either of the two people blocked the other."""
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def connected_q(viewer, field: str = "user_id") -> Q:
    """The rows whose `field` is a person the viewer is connected with (an accepted request, in
    either direction)."""
    accepted = ContactRequest.Status.ACCEPTED
    return Q(
        Exists(
            ContactRequest.objects.filter(sender=viewer, recipient=OuterRef(field), status=accepted)
        )
    ) | Q(
        Exists(
            ContactRequest.objects.filter(sender=OuterRef(field), recipient=viewer, status=accepted)
        )
    )


def are_connected(a, b) -> bool:
    return ContactRequest.objects.filter(
        Q(sender=a, recipient=b) | Q(sender=b, recipient=a),
        status=ContactRequest.Status.ACCEPTED,
    ).exists()


def profile_access(viewer, pk):
    """The profile `pk` as `viewer` may see it: their own always, another only when listed and
    neither blocked the other; 404 otherwise (missing and not allowed look the same)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    own = Profile.objects.select_related("user", "user__province__region").filter(
        pk=pk, user=viewer
    )
    profile = (
        own.first()
        or (
            profiles_visible_to(viewer)
            .select_related("user", "user__province__region")
            .filter(pk=pk)
        ).first()
    )
    if profile is None:
        raise Http404
    return profile


def profile_of(user):
    """The person's own profile, or None when they have none yet."""
    return Profile.objects.filter(user=user).select_related("user__province").first()


@dataclass(frozen=True)
class ContactField:
    name: str  # "email", "phone", "address"
    label: str
    value: str


CONTACT_FIELDS = (
    ("email", _("E-mail")),
    ("phone", _("Phone")),
    ("address", _("Address")),
)


def contact_fields(viewer, profile, *, connected: bool) -> list[ContactField]:
    """The contact details of `profile` that `viewer` may see: all of them to the owner; to
    another member, each field its owner allowed to all members, or to connections when the two
    are connected. Never a field set to "nobody"."""
    own = getattr(viewer, "pk", None) == profile.user_id
    shown = []
    for name, label in CONTACT_FIELDS:
        value = getattr(profile, f"contact_{name}")
        allowed = getattr(profile, f"contact_{name}_visibility")
        if not value:
            continue
        if (
            own
            or allowed == ContactVisibility.MEMBERS
            or (allowed == ContactVisibility.CONNECTIONS and connected)
        ):
            shown.append(ContactField(name, str(label), value))
    return shown


@dataclass(frozen=True)
class ProfileBody:
    """What a profile page shows of a profile (also of an unsaved one, in the edit preview)."""

    profile: Profile
    skills: list
    offers: list
    needs: list
    sectors: list
    province: object
    size_label: str
    languages: list
    has_photo: bool


def _language_labels(codes) -> list[str]:
    labels = dict(LANGUAGES)
    return [str(labels[code]) for code in codes or () if code in labels]


def _size_label(size) -> str:
    return str(EnterpriseSize(size).label) if size in EnterpriseSize.values else ""


def profile_body(profile) -> ProfileBody:
    """The body of a saved profile: its tags, the owner's sectors (four queries, however many)."""
    return ProfileBody(
        profile=profile,
        skills=[tag.name for tag in profile.skills.all()],
        offers=[tag.name for tag in profile.offers.all()],
        needs=[tag.name for tag in profile.needs.all()],
        sectors=[sector.name for sector in profile.user.sectors.all()],
        province=profile.user.province,
        size_label=_size_label(profile.user.enterprise_size),
        languages=_language_labels(profile.languages),
        has_photo=bool(profile.photo),
    )


def profile_body_preview(*, user, profile, data) -> ProfileBody:
    """The body the edit form's valid `data` would give, without writing anything: `profile`
    (the saved one, or None) only lends its photo and its primary key."""
    # what every member reads, never the contact fields
    fields = {name: data[name] for name in DESCRIPTION_FIELDS if name in data}
    draft = Profile(user=user, pk=getattr(profile, "pk", None), **fields)
    if draft.kind == ProfileKind.ENTERPRISE and draft.organisation_name.strip():
        draft.display_name = draft.organisation_name.strip()
    else:
        draft.display_name = user.display_name
    keeps_photo = bool(profile and profile.photo) and not data.get("photo_remove")
    return ProfileBody(
        profile=draft,
        skills=list(data.get("skills") or []),
        offers=list(data.get("offers") or []),
        needs=list(data.get("needs") or []),
        sectors=[sector.name for sector in data.get("sectors") or []],
        province=data.get("province"),
        size_label=_size_label(data.get("enterprise_size")),
        languages=_language_labels(data.get("languages")),
        has_photo=keeps_photo,
    )


def tag_suggestions(query: str, *, limit: int = 10) -> list[str]:
    """Up to `limit` names of existing tags for what a person is typing: the names that start
    with it (or with its normalised key), then similar ones (trigram), the most used first. Only
    tags a listed profile uses: a tag only hidden profiles hold is never offered to everyone."""
    query = " ".join(str(query or "").split())[:80]
    key = tag_key(query)
    if len(key) < 2:
        return []
    starts = Q(name__istartswith=query) | Q(key__startswith=key)
    listed = profiles_listed()
    in_use = (
        Q(Exists(listed.filter(skills=OuterRef("pk"))))
        | Q(Exists(listed.filter(offers=OuterRef("pk"))))
        | Q(Exists(listed.filter(needs=OuterRef("pk"))))
    )
    tags = Tag.objects.filter(uses__gt=0).filter(in_use)
    names = list(
        tags.filter(starts).order_by("-uses", "name").values_list("name", flat=True)[:limit]
    )
    if len(names) < limit:
        similar = (
            tags.annotate(similarity=TrigramSimilarity("name", query))
            .filter(similarity__gt=0.3)
            .exclude(starts)
            .order_by("-uses", "-similarity", "name")
            .values_list("name", flat=True)[: limit - len(names)]
        )
        names += list(similar)
    return names
