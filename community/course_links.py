"""The links the community offers a course's page (coopportal.core.discovery.offered_links)."""

from ._parts import gather


def for_course(user, course) -> list:
    return gather("course_links", "for_course", user, course)
