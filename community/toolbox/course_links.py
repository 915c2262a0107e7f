"""The links the toolbox offers a course's page: its published resources the person may open."""

from .selectors import links


def for_course(user, course) -> list:
    return links(user, courses=course)
