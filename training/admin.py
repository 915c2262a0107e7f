"""The admin of training: each part registers its models from its own module."""

from . import admin_certificates  # noqa: F401
