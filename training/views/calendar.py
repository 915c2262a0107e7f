"""A course's sessions as an iCalendar file (.ics): the dates for everyone, the place and the online
link only for the people who may see them (training/calendar.py)."""

from django.http import HttpResponse

from coopportal.core.calendar import ics_bytes
from coopportal.core.http import attachment, get_or_404

from .. import permissions
from ..calendar import course_entries
from ..models import Course


def course_ics(request, pk):
    course = get_or_404(
        Course.objects.filter(pk=pk).first(), allowed=permissions.can_view_course, user=request.user
    )
    base_url = request.build_absolute_uri("/").rstrip("/")
    entries = course_entries(request.user, course, base_url=base_url, host=request.get_host())
    response = HttpResponse(
        ics_bytes(entries, name=course.title), content_type="text/calendar; charset=utf-8"
    )
    return attachment(response, f"{course.slug or 'corso'}.ics")
