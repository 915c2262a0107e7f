"""Training in the admin: the catalogue and enrolments (admin_catalogue.py); the other parts of
training add their own admin modules here, one import each."""

from . import admin_catalogue  # noqa: F401 - registers the admins
