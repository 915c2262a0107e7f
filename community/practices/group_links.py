"""The good practices a working group's page links to (see page_links.py)."""

from .page_links import for_group

__all__ = ["for_group"]
