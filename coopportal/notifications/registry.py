"""The kinds of notification. Each app registers its own in its AppConfig.ready().

A kind says how to word the notification (in-app and e-mail, translated when shown), whether it is
urgent, and how it reaches people by default: `immediate`, `daily` digest, or `off` (no e-mail; the
bell still shows it). Defaults are the daily digest for everything that is not urgent.

A kind also says who it can reach (`audience`: a predicate on the person, None for everyone), so
the preferences page offers board-only kinds to board members, coordinator-only kinds to people
who coordinate a group and staff-only kinds to staff. The app that knows the role gives the
predicate (workgroups knows coordinators), so this module needs no app above it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest e-mail")
    OFF = "off", _("No e-mail (only in the portal)")


@dataclass(frozen=True)
class Kind:
    name: str  # "<app>.<event>", e.g. "accounts.membership_approved"
    label: str  # shown on the preferences page
    message: str  # "%(placeholder)s" text, formatted with the notification's context
    subject: str = ""  # e-mail subject; the message when empty
    urgent: bool = False
    default_channel: str = ""  # empty: immediate when urgent, else the daily digest
    staff_only: bool = False  # shorthand for audience=STAFF
    audience: Callable | None = None  # who it can reach: predicate(user) -> bool; None: everyone

    def __post_init__(self):
        if self.staff_only and self.audience is None:
            object.__setattr__(self, "audience", STAFF)

    def reaches(self, user) -> bool:
        """Whether this kind can reach the person (what their preferences page offers)."""
        return self.audience is None or bool(self.audience(user))

    @property
    def channel(self) -> str:
        if self.default_channel:
            return self.default_channel
        return Channel.IMMEDIATE if self.urgent else Channel.DAILY

    def render_message(self, context) -> str:
        return str(self.message) % _SafeContext(context)

    def render_subject(self, context) -> str:
        return str(self.subject or self.message) % _SafeContext(context)

    @property
    def app_label(self) -> str:
        return self.name.split(".", 1)[0]


# the audience every app can use: staff, Django's own flag (the same rule as
# accounts.permissions.is_staff_member; this module sits below accounts and imports nothing of it).
# accounts offers BOARD (accounts.notifications), workgroups its coordinators.
def STAFF(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff))


class _SafeContext(dict):
    """A missing placeholder shows as empty instead of breaking the page or the e-mail."""

    def __missing__(self, key):
        return ""


class UnknownKind(LookupError):
    pass


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    existing = _KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.name!r} is registered twice, differently.")
    if kind.channel not in Channel.values:
        raise ValueError(f"Notification kind {kind.name!r}: unknown channel {kind.channel!r}.")
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(f"Unknown notification kind {name!r}: register it first.") from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.name)


def kinds_for(user) -> list[Kind]:
    """The kinds a person can receive, for their preferences page."""
    return [kind for kind in all_kinds() if kind.reaches(user)]


def area_of(kind: Kind) -> str:
    """The heading a kind is shown under: the name of the app that registers it."""
    try:
        return str(apps.get_app_config(kind.app_label).verbose_name)
    except LookupError:
        return kind.app_label


def areas_for(user) -> list[tuple[str, list[Kind]]]:
    """`kinds_for(user)` grouped by area, areas in the order of INSTALLED_APPS."""
    order = {config.label: i for i, config in enumerate(apps.get_app_configs())}
    grouped: dict[str, list[Kind]] = {}
    for kind in sorted(kinds_for(user), key=lambda k: (order.get(k.app_label, 999), k.name)):
        grouped.setdefault(kind.app_label, []).append(kind)
    return [(area_of(kinds[0]), kinds) for kinds in grouped.values()]
