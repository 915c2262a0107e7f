"""The kinds of notification. Each app registers its own in its AppConfig.ready().

A kind says how to word the notification (in-app and e-mail, translated when shown), whether it is
urgent, and how it reaches people by default: `immediate`, `daily` digest, or `off` (no e-mail; the
bell still shows it). Defaults are the daily digest for everything that is not urgent.
"""

from dataclasses import dataclass

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
    staff_only: bool = False  # offered on the preferences page to staff only

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
    return [kind for kind in all_kinds() if not kind.staff_only or user.is_staff]
