"""The pack of a board meeting: a PDF with the agenda and, for each recommendation on it, what the
dossier shows (group, text, endorsements, history, answer) plus the discussion summary, the staff's
notes and the decision."""

from django.conf import settings
from django.utils import timezone

from coopportal.core.markdown import render_markdown

from . import selectors
from .pdf import render_pdf


def pack_context(meeting) -> dict:
    entries = selectors.meeting_pack_entries(meeting)
    for entry in entries:
        entry.recommendation.body_html = render_markdown(entry.recommendation.body)
    return {
        "title": meeting.title,
        "meeting": meeting,
        "entries": entries,
        "generated_at": timezone.localtime(),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def render_pack(meeting) -> bytes:
    return render_pdf("board/pdf/pack.html", pack_context(meeting))
