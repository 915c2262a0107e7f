import pytest
from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

URGENT = register(
    Kind(
        name="tests.urgent",
        label=_("Membership"),
        message="Urgent news for %(name)s",
        subject="Urgent: %(name)s",
        urgent=True,
    )
)
ROUTINE = register(Kind(name="tests.routine", label=_("Training"), message="Routine news %(n)s"))


@pytest.fixture
def smtp_backend(settings, smtp_sink):
    """Send through real SMTP to the in-process sink instead of Django's locmem outbox."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink
