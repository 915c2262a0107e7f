"""The area's landing page: for visitors and participants, what matching is and who may use it;
for members, the way in (their profile, the directory, the suggestions, their contacts)."""

from django.shortcuts import render

from ..dashboard import panel
from ..permissions import can_use_matching


def index(request):
    allowed = bool(can_use_matching(request.user))
    return render(
        request,
        "matching/index.html",
        {"allowed": allowed, "panel": panel(request) if allowed else None},
    )
