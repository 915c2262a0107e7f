"""The good practices a course's page links to (see page_links.py)."""

from .page_links import for_course

__all__ = ["for_course"]
