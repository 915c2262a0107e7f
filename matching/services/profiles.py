"""Writing profiles: tags normalised into one vocabulary, and the fields the services keep (the name
shown, the text of the tags for search, the completeness, the stored search vector)."""

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.search import vector_refresh

from ..models import Profile, ProfileKind, ProfileVisibility, Tag, tag_key

MAX_TAGS = 20


def tag_names_split(text: str) -> list[str]:
    """The tag names in a comma- or newline-separated text, stripped, the empty ones left out."""
    parts = str(text or "").replace("\n", ",").replace(";", ",").split(",")
    return [" ".join(part.split())[:80] for part in parts if part.strip()]


def tags_ensure(names) -> list[Tag]:
    """The tags for `names` (one per normalised key, created when new, in the order given); a name
    with no letter or digit is left out. The first spelling of a tag stays its name."""
    by_key: dict[str, str] = {}
    for name in names:
        key = tag_key(name)
        if key and key not in by_key:
            by_key[key] = " ".join(str(name).split())[:80]
    if not by_key:
        return []
    existing = {tag.key: tag for tag in Tag.objects.filter(key__in=by_key)}
    missing = [Tag(key=key, name=name) for key, name in by_key.items() if key not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.key: tag for tag in Tag.objects.filter(key__in=by_key)}
    return [existing[key] for key in by_key if key in existing]


def tag_uses_refresh(tag_ids=None) -> None:
    """Recount how many profiles use each tag (as a skill, an offer or a need): one UPDATE with a
    count per relation (three joins in one query would multiply their rows)."""
    tags = Tag.objects.all() if tag_ids is None else Tag.objects.filter(pk__in=list(tag_ids))

    def uses(through):
        counted = (
            through.objects.filter(tag_id=OuterRef("pk"))
            .order_by()
            .values("tag_id")
            .annotate(n=Count("*"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    tags.update(
        uses=uses(Profile.skills.through)
        + uses(Profile.offers.through)
        + uses(Profile.needs.through)
    )


# what a complete profile has: (name, label, test on the profile with its tags prefetched)
CHECKS = [
    ("presentation", _("a presentation"), lambda p: bool(p.presentation.strip())),
    ("activity", _("what you do (activity)"), lambda p: bool(p.activity.strip())),
    ("skills", _("at least one skill"), lambda p: bool(p.skill_names)),
    ("offers", _("what you offer"), lambda p: bool(p.offer_names or p.offers_text.strip())),
    ("needs", _("what you look for"), lambda p: bool(p.need_names or p.needs_text.strip())),
    ("sectors", _("your sectors"), lambda p: bool(p.sector_count)),
    ("province", _("your province"), lambda p: p.user.province_id is not None),
    ("languages", _("the languages you speak"), lambda p: bool(p.languages)),
    ("photo", _("a logo or a photo"), lambda p: bool(p.photo)),
    (
        "contact",
        _("a way to reach you (e-mail or phone)"),
        lambda p: bool(p.contact_email or p.contact_phone),
    ),
]
ENTERPRISE_CHECKS = [
    ("organisation_name", _("the name of the enterprise"), lambda p: bool(p.organisation_name)),
    ("legal_form", _("the legal form"), lambda p: bool(p.legal_form)),
]


def _checks(profile):
    return CHECKS + (ENTERPRISE_CHECKS if profile.kind == ProfileKind.ENTERPRISE else [])


def _with_names(profile):
    profile.skill_names = [tag.name for tag in profile.skills.all()]
    profile.offer_names = [tag.name for tag in profile.offers.all()]
    profile.need_names = [tag.name for tag in profile.needs.all()]
    profile.sector_count = profile.user.sectors.count()
    return profile


def completeness_missing(profile) -> tuple[int, list[str]]:
    """The profile's completeness in percent and the labels of what is missing."""
    _with_names(profile)
    checks = _checks(profile)
    missing = [str(label) for _name, label, test in checks if not test(profile)]
    return round(100 * (len(checks) - len(missing)) / len(checks)), missing


def display_name_for(profile) -> str:
    if profile.kind == ProfileKind.ENTERPRISE and profile.organisation_name.strip():
        return profile.organisation_name.strip()
    return profile.user.display_name


def profile_refresh(profile) -> Profile:
    """Store what follows from the profile's fields and tags: the name shown, the tags' text,
    the completeness, `listed_at` when it became visible, and the search vector."""
    percent, _missing = completeness_missing(profile)
    profile.display_name = display_name_for(profile)[:200]
    profile.skills_text = ", ".join(profile.skill_names)[:2000]
    profile.tags_text = ", ".join(profile.offer_names + profile.need_names)
    profile.completeness = percent
    if profile.visibility == ProfileVisibility.MEMBERS and profile.listed_at is None:
        profile.listed_at = timezone.now()
    elif profile.visibility != ProfileVisibility.MEMBERS:
        profile.listed_at = None
    Profile.objects.filter(pk=profile.pk).update(
        display_name=profile.display_name,
        skills_text=profile.skills_text,
        tags_text=profile.tags_text,
        completeness=profile.completeness,
        listed_at=profile.listed_at,
        updated_at=timezone.now(),
    )
    vector_refresh(Profile.objects.filter(pk=profile.pk), Profile.SEARCH_VECTOR)
    return profile


def profile_tags_set(profile, *, skills=None, offers=None, needs=None) -> None:
    """Replace the profile's skills, offers and needs (names; None leaves a list as it is) with
    their normalised tags, at most MAX_TAGS each, and recount the tags' uses."""
    touched = set()
    for relation, names in (("skills", skills), ("offers", offers), ("needs", needs)):
        if names is None:
            continue
        manager = getattr(profile, relation)
        touched |= set(manager.values_list("pk", flat=True))
        tags = tags_ensure(names)[:MAX_TAGS]
        manager.set(tags)
        touched |= {tag.pk for tag in tags}
    if touched:
        tag_uses_refresh(touched)


@transaction.atomic
def profile_create(*, user, by=None, skills=(), offers=(), needs=(), **fields) -> Profile:
    """A new profile for `user` (tests, demo data and the first edit)."""
    profile = Profile.objects.create(user=user, display_name=user.display_name[:200], **fields)
    profile_tags_set(profile, skills=list(skills), offers=list(offers), needs=list(needs))
    return profile_refresh(Profile.objects.select_related("user").get(pk=profile.pk))
