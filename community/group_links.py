"""The links the community offers a working group's page (core.discovery.offered_links)."""

from ._parts import gather


def for_group(user, group) -> list:
    return gather("group_links", "for_group", user, group)
