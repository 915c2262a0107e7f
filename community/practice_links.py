"""The links the community's parts offer a good practice's page (core.discovery.offered_links):
the toolbox's resources linked to the case."""

from ._parts import gather


def for_practice(user, practice) -> list:
    return gather("practice_links", "for_practice", user, practice)
