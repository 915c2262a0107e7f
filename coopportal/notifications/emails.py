"""Render an outbox row into an e-mail, in the recipient's language, with one-click unsubscribe."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string, select_template
from django.urls import reverse
from django.utils import translation

from . import registry
from .models import OutgoingEmail

UNSUBSCRIBE_SALT = "coopportal.notifications.unsubscribe"


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps([user_id, kind], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature for a forged or damaged token."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise signing.BadSignature("Malformed unsubscribe token")
    return value[0], str(value[1])


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def build_message(row: OutgoingEmail) -> EmailMultiAlternatives:
    user = row.recipient
    if row.type == OutgoingEmail.Type.DIGEST:
        notifications = list(row.digest_notifications.order_by("created_at", "pk"))
        unsubscribe_kind = "*"
        templates = ("notifications/email/digest",)
    else:
        notifications = [row.notification]
        unsubscribe_kind = row.kind
        templates = (f"notifications/email/{row.kind}", "notifications/email/single")
    unsubscribe_url = absolute(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user.pk, unsubscribe_kind)])
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = [
            {
                "message": n.message,
                "url": absolute(n.url) if n.url.startswith("/") else n.url,
                "created_at": n.created_at,
                "kind_label": _kind_label(n.kind),
            }
            for n in notifications
        ]
        context = {
            "user": user,
            "items": items,
            "item": items[0] if items else None,
            "site_url": settings.SITE_URL,
            "preferences_url": absolute(reverse("notifications:preferences")),
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_all": unsubscribe_kind == "*",
        }
        subject = _subject(row, notifications, items)
        text = select_template([f"{t}.txt" for t in templates]).render(context)
        html = render_to_string([f"{t}.html" for t in templates], context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "Message-ID": row.message_id,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _kind_label(name):
    try:
        return str(registry.get(name).label)
    except registry.UnknownKind:
        return name


def _subject(row, notifications, items):
    from django.utils.translation import gettext, ngettext

    prefix = settings.NOTIFICATIONS_SUBJECT_PREFIX
    if row.type == OutgoingEmail.Type.DIGEST:
        count = len(items)
        return prefix + ngettext(
            "Your daily summary: %(count)d news", "Your daily summary: %(count)d news", count
        ) % {"count": count}
    try:
        subject = registry.get(row.kind).render_subject(notifications[0].context)
    except registry.UnknownKind:
        subject = gettext("News from the portal")
    return prefix + " ".join(subject.split())[:250]
