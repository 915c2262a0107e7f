"""The links the toolbox offers a working group's page: its published resources the person may
open."""

from .selectors import links


def for_group(user, group) -> list:
    return links(user, groups=group)
