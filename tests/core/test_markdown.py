"""Markdown written by people: headings sit below the page's own headings, everywhere."""

import pytest

from coopportal.core.markdown import render_markdown


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("# Titolo", "h3"),
        ("Titolo\n======", "h3"),
        ("## Sezione", "h4"),
        ("### Paragrafo", "h5"),
        ("#### Sotto", "h6"),
        ("###### Profondo", "h6"),
    ],
)
def test_render_markdown_headings_start_below_the_page_headings(text, tag):
    html = str(render_markdown(text))
    assert html.startswith(f"<{tag}") and html.endswith(f"</{tag}>")
    for level in ("h1", "h2"):
        assert f"<{level}" not in html


def test_render_markdown_raw_html_headings_cannot_outrank_the_page():
    html = str(render_markdown("<h1>Grande</h1>\n\n<h2>Medio</h2>\n\ntesto"))
    assert "<h1" not in html and "<h2" not in html
    assert "Grande" in html and "Medio" in html


def test_render_markdown_headings_carry_no_ids_that_could_clash_with_the_page():
    assert 'id="' not in str(render_markdown("# Contenuto"))
