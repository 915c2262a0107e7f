"""The admin of member matching, one module per part (each registers its models)."""

from . import contacts, profiles  # noqa: F401
