"""The links the toolbox offers a good practice's page: its published resources the person may
open."""

from .selectors import links


def for_practice(user, practice) -> list:
    return links(user, practices=practice)
