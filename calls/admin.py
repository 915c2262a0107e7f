"""The calls app in the admin: the catalogue and its imports (admin_catalogue.py), the staff side
of applications, reviews, rules and calls to action (admin_applications.py)."""

from . import admin_applications, admin_catalogue  # noqa: F401 - registers the admins
