"""A person's agenda at an event as a PDF (WeasyPrint, like the training certificates)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from ..selectors.agenda import agenda_items


def agenda_html(event, registration, language) -> str:
    with translation.override(language):
        return render_to_string(
            "community/events/agenda_pdf.html",
            {"event": event, "registration": registration, "items": agenda_items(registration)},
        )


def agenda_pdf(event, registration, language) -> bytes:
    from weasyprint import HTML  # imported here: only PDFs need its system libraries

    html = agenda_html(event, registration, language)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
