"""The links the showcase offers a working group's page and a course's page: the published good
practices linked to them, then the showcase filtered by the group or course when there are more.
For everybody (published cases are public); two queries. The community's group_links.py and
course_links.py gather them from this part's modules of those names, which use these."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import practices_linked

SHOWN = 5


def _links(cases, total, param, value) -> list:
    links = [
        (_("Good practice: %(title)s") % {"title": case.title}, case.get_absolute_url())
        for case in cases
    ]
    if total > SHOWN:
        links.append(
            (
                _("All %(count)d linked good practices") % {"count": total},
                f"{reverse('community:practice_list')}?{param}={value}",
            )
        )
    return links


def for_group(user, group) -> list:
    cases, total = practices_linked(limit=SHOWN, groups=group)
    return _links(cases, total, "group", group.slug)


def for_course(user, course) -> list:
    cases, total = practices_linked(limit=SHOWN, courses=course)
    return _links(cases, total, "course", course.pk)
