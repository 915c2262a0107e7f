"""Training in the admin: each part registers its admins in its own module, imported here."""

from . import admin_feedback  # noqa: F401 - registers FeedbackAdmin
