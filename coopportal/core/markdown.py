"""Markdown written by people, rendered to HTML that is safe to show (nh3 removes the rest).

People's headings sit below the page's own (its h1 title and h2 sections): `#` renders as h3,
`##` as h4 and so on down to h6 (python-markdown's `toc` extension, `baselevel`), and raw h1/h2
tags are stripped, so a proposal's body never shouts louder than its title.
"""

import markdown as md
import nh3
from django.db import DatabaseError, transaction
from django.db.models import Case, TextField, Value, When
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
HEADING_BASE_LEVEL = 3  # `#` in people's text; the page keeps h1 and h2 for itself
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    html = md.markdown(
        text or "",
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": HEADING_BASE_LEVEL}},
        output_format="html",
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above  # nosec B308 B703


# Stored HTML -----------------------------------------------------------------------------
# A model whose Markdown is shown in lists and pages keeps the rendered HTML next to its source
# (`body` → `body_html`, null = "not rendered yet"): the service that writes the source writes
# the HTML in the same save, and rows written in bulk (the seed, imports) are rendered on their
# first reading and stored then.


def stored_markdown(objects, *, source="body", target="body_html") -> None:
    """Make sure every object in `objects` has `target` filled: render the missing ones and
    store them with one UPDATE (none when all are rendered). The UPDATE only touches rows whose
    HTML is still missing, so an edit saved meanwhile (source and HTML together) is not
    overwritten with the HTML of the old text; if it fails (say two requests store the same rows
    at once), the page still shows what was rendered."""
    missing = [obj for obj in objects if getattr(obj, target) is None]
    if not missing:
        return
    for obj in missing:
        setattr(obj, target, str(render_markdown(getattr(obj, source))))
    model = type(missing[0])
    try:
        with transaction.atomic():  # storing is a saving, not the page's job: never its failure
            model._default_manager.filter(
                pk__in=[obj.pk for obj in missing], **{f"{target}__isnull": True}
            ).update(
                **{
                    target: Case(
                        *[When(pk=obj.pk, then=Value(getattr(obj, target))) for obj in missing],
                        output_field=TextField(),
                    )
                }
            )
    except DatabaseError:  # two first readings of the same rows at once: the other one stores
        pass


def stored_html(obj, *, source="body", target="body_html") -> SafeString:
    """The stored HTML of one object's Markdown (rendered and stored first if missing), safe to
    show: it was sanitised by nh3 when rendered."""
    stored_markdown([obj], source=source, target=target)
    return mark_safe(getattr(obj, target))  # noqa: S308 - written by render_markdown only  # nosec B308 B703
