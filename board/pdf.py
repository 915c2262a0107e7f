"""PDF documents rendered by WeasyPrint from HTML templates (dossiers, board packs, reports)."""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name, context, *, base_url=None) -> bytes:
    from weasyprint import HTML  # imported here: only PDF exports need its system libraries

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()
