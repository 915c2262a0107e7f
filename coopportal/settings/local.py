"""Trying the portal on one machine: debug on, SQLite unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: F403

INTERNAL_IPS = ["127.0.0.1"]
