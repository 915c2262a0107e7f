"""Writing profiles: tags normalised into one vocabulary, and the fields the services keep (the name
shown, the text of the tags for search, the completeness, the stored search vector)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.permissions import is_member
from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.uploads import IMAGES, validate_upload
from coopportal.notifications.services import notify

from ..exceptions import MatchingError
from ..models import Profile, ProfileKind, ProfileVisibility, Tag, tag_key
from ..models.profiles import CONTACT_FIELDS, DESCRIPTION_FIELDS
from ..notifications import PROFILE_HIDDEN
from ..permissions import can_edit_profile, can_hide_profiles
from ..selectors.directory import facets_changed

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
    facets_changed()
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


# --- editing and moderation ---------------------------------------------------------------------

PHOTO_TYPES = {**IMAGES, "image/webp": {"webp"}}
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PHOTO_CONTENT_TYPES = {ext: mime for mime, exts in PHOTO_TYPES.items() for ext in exts}

# the profile's own fields that the edit form writes (the user's are sectors, province and size)
PROFILE_FIELDS = DESCRIPTION_FIELDS + CONTACT_FIELDS


def photo_validate(file) -> str:
    """The extension to keep an uploaded logo or photo under, read from its content (JPEG, PNG
    or WebP, at most PHOTO_MAX_BYTES); a MatchingError otherwise."""
    try:
        mime = validate_upload(file, allowed=PHOTO_TYPES, max_bytes=PHOTO_MAX_BYTES)
    except ValidationError as exc:
        raise MatchingError(exc.messages[0], code="photo") from None
    return PHOTO_EXTENSIONS[mime]


def _photo_replace(profile, photo, remove: bool) -> None:
    old = profile.photo.name if profile.photo else ""
    if photo:
        extension = photo_validate(photo)
        profile.photo.save(f"profile-{profile.pk}.{extension}", photo, save=False)
    elif remove:
        profile.photo = ""
    else:
        return
    Profile.objects.filter(pk=profile.pk).update(photo=profile.photo.name or "")
    if old and old != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def profile_save(
    *,
    user,
    by,
    sectors=(),
    province=None,
    enterprise_size="",
    skills=(),
    offers=(),
    needs=(),
    photo=None,
    photo_remove=False,
    **fields,
) -> Profile:
    """Create or update `user`'s profile from the edit form, with the person's sectors, province
    and enterprise size (the calls "for me" read the same fields), in one transaction."""
    profile = Profile.objects.select_for_update(of=("self",)).filter(user=user).first()
    allowed = can_edit_profile(by, profile) if profile else (is_member(by) and by.pk == user.pk)
    if not allowed:
        raise MatchingError(_("Only members write their own profile."), code="forbidden")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"profile_save() got unexpected fields: {sorted(unknown)}")
    if fields.get("kind") == ProfileKind.ENTERPRISE and not fields.get("organisation_name"):
        raise MatchingError(_("Give the name of the enterprise."), code="organisation_name")
    if photo:
        photo_validate(photo)  # refuse before writing anything
    user.province = province
    user.enterprise_size = enterprise_size or ""
    user.save(update_fields=["province", "enterprise_size"])
    user.sectors.set(sectors)
    if profile is None:
        try:
            with transaction.atomic():
                profile = Profile.objects.create(
                    user=user, display_name=user.display_name[:200], **fields
                )
        except IntegrityError:  # the same person saved a first profile from another tab
            raise MatchingError(
                _("Your profile was just saved from another page: open it again and retry."),
                code="conflict",
            ) from None
    else:
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save(update_fields=[*fields, "updated_at"])
    _photo_replace(profile, photo, photo_remove)
    profile_tags_set(profile, skills=list(skills), offers=list(offers), needs=list(needs))
    return profile_refresh(Profile.objects.select_related("user").get(pk=profile.pk))


@transaction.atomic
def profile_hide(*, profile, reason, by) -> Profile:
    """Staff hide a profile from every list and page of the area, saying why; its owner is told
    (after the commit) and still sees it."""
    if not can_hide_profiles(by, profile):
        raise MatchingError(_("Only staff with the permission hide profiles."), code="forbidden")
    reason = " ".join(str(reason or "").split())[:2000]
    if not reason:
        raise MatchingError(_("Say why the profile is hidden."), code="reason")
    profile = Profile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
    if profile.hidden_at is not None:
        raise MatchingError(_("The profile is hidden already."), code="hidden")
    profile.hidden_at, profile.hidden_by, profile.hidden_reason = timezone.now(), by, reason
    profile.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    log_action(target=profile, action="matching.profile.hidden", by=by, reason=reason)
    facets_changed()
    # recorded in this transaction (gone if it rolls back); its e-mail leaves after the commit
    notify(
        PROFILE_HIDDEN.name,
        [profile.user_id],
        target=profile,
        context={"reason": reason},
        actor=by,
        url=reverse("matching:profile_mine"),
    )
    return profile


@transaction.atomic
def profile_unhide(*, profile, by, reason="") -> Profile:
    """Staff show a profile they hid again."""
    if not can_hide_profiles(by, profile):
        raise MatchingError(_("Only staff with the permission hide profiles."), code="forbidden")
    profile = Profile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
    if profile.hidden_at is None:
        raise MatchingError(_("The profile is not hidden."), code="hidden")
    profile.hidden_at, profile.hidden_by, profile.hidden_reason = None, None, ""
    profile.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    log_action(target=profile, action="matching.profile.shown", by=by, reason=reason)
    facets_changed()
    return profile
