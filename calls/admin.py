"""The calls app in the admin: the staff side of applications, reviews, rules and calls to action
(admin_applications.py)."""

from . import admin_applications  # noqa: F401 - registers the admins
