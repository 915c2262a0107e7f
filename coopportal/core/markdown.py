"""Markdown written by people, rendered to HTML that is safe to show (nh3 removes the rest).

People's headings sit below the page's own (its h1 title and h2 sections): `#` renders as h3,
`##` as h4 and so on down to h6 (python-markdown's `toc` extension, `baselevel`), and raw h1/h2
tags are stripped, so a proposal's body never shouts louder than its title.
"""

import markdown as md
import nh3
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
