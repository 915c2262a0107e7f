"""The spaces' pages: the list, one space with its calendar (a day for every resource, or a week
for one), and its photos."""

from datetime import timedelta

from django.shortcuts import redirect, render
from django.utils import timezone

from coopportal.core.http import get_or_404, serve_file
from coopportal.core.params import parse_id

from .. import permissions
from ..models import SpacePhoto
from ..selectors import spaces as selectors

PHOTO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def space_list(request):
    spaces = list(selectors.space_list(user=request.user))
    return render(request, "spaces/space_list.html", {"spaces": spaces})


def space_detail(request, pk, slug):
    space = selectors.space_get(user=request.user, pk=pk)
    if slug != space.slug:
        return redirect(space, permanent=True)
    today = timezone.localdate()
    day = selectors.parse_day(request.GET.get("day"), today)
    week = request.GET.get("view") == "week"
    resources = space.bookable
    hours = list(space.hours.all())
    chosen = None
    if week and resources:
        wanted = parse_id(request.GET.get("resource"))
        chosen = next((r for r in resources if r.pk == wanted), resources[0])
        days = selectors.week_of(day)
        columns = selectors.calendar(resources=[chosen], hours=hours, days=days, user=request.user)
    else:
        days = [day]
        columns = selectors.calendar(resources=resources, hours=hours, days=days, user=request.user)
    context = {
        "space": space,
        "resources": resources,
        "hours": hours,
        "photos": list(space.photos.all()),
        "day": day,
        "days": days,
        "week": week,
        "chosen": chosen,
        "columns": columns,
        "previous": days[0] - timedelta(days=7 if week else 1),
        "next": days[-1] + timedelta(days=1),
        "today": today,
        "limited_until": selectors.booking_limit(request.user),
    }
    return render(request, "spaces/space_detail.html", context)


def photo(request, pk):
    item = get_or_404(
        SpacePhoto.objects.select_related("space").filter(pk=parse_id(pk)).first()
        if parse_id(pk)
        else None,
        allowed=lambda user, p: permissions.can_view_space(user, p.space),
        user=request.user,
    )
    extension = item.image.name.rsplit(".", 1)[-1].lower()
    content_type = PHOTO_TYPES.get(extension, "application/octet-stream")
    # an attachment like every kept upload (an <img> shows it all the same): a file that came in
    # before the checks, or by another way, is never rendered by the browser as a page
    return serve_file(
        item.image,
        filename=item.image.name.rsplit("/", 1)[-1],
        content_type=content_type,
        private=False,
    )
