"""PDF documents rendered by WeasyPrint from HTML templates (dossiers, board packs, reports).

WeasyPrint keeps the layout of a whole document in memory until it is written (about 1.2 MB per
recommendation of a dossier), so a long document is built in bounded chunks by `write_in_chunks`:
the sections `chunk` items at a time, each chunk laid out, written to a temporary PDF and
forgotten; then the front (cover and contents, with the page of every section, now known); then
pypdf prints the running footer ("Page 7 / 312", which needs the total) over every page of each
part, part by part, and pikepdf (qpdf) joins the front and the parts into the file. The contents'
links point to the sections' named destinations: the front links to them as
href="section:<id>", which becomes a link to the destination, and the parts' destinations are
gathered into the joined file's name tree.

Why pikepdf for the joining: pypdf's writer holds every page it gathers as Python objects until it
writes, and a dossier of 2,000 recommendations (2,053 pages) peaked at 499 MiB in it; qpdf keeps
the pages' objects in C++ and reads the foreign streams only while writing.
"""

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FOOTER_CHUNK = 200  # footer pages laid out at a time
SECTION_LINK = "section:"  # the front's links to a section: href="section:<its HTML id>"


def _html(template_name, context, base_url=None):
    from weasyprint import HTML  # imported here: only PDF exports need its system libraries

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR))


def render_pdf(template_name, context, *, base_url=None) -> bytes:
    return _html(template_name, context, base_url).write_pdf()


def write_in_chunks(
    out,
    *,
    front: str,
    sections: str,
    footers: str,
    context: dict,
    entries: list[dict],
    chunks: Iterable[dict],
    anchor: Callable[[dict], str],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write a long PDF to `out` (a path or a binary file) in bounded memory; returns its pages.

    `chunks` yields the context of each chunk of sections (rendered with the template
    `sections`, without footers); `entries` are the rows of the contents, and each gets its
    `page` (the page where `anchor(entry)`, an HTML id in the sections, begins) before `front`
    is rendered with them. `footers` renders blank pages carrying the running footer only.
    `progress(done)` is called after each chunk with the number of chunks done.
    """
    from pypdf import PdfReader, PdfWriter

    with tempfile.TemporaryDirectory() as tmp:
        parts, starts, body_pages = [], {}, 0
        for index, chunk in enumerate(chunks):
            document = _html(sections, {**context, **chunk, "no_footer": True}).render()
            for number, page in enumerate(document.pages):
                for name in page.anchors:
                    starts.setdefault(name, body_pages + number)
            path = Path(tmp) / f"part-{index}.pdf"
            document.write_pdf(path)
            parts.append((path, len(document.pages)))
            body_pages += len(document.pages)
            del document
            if progress:
                progress(index + 1)

        front_pages, front_path = 1, Path(tmp) / "front.pdf"
        for _attempt in range(5):  # the contents' length hardly depends on its page numbers
            for entry in entries:
                entry["page"] = front_pages + starts[anchor(entry)] + 1
            total = front_pages + body_pages
            document = _html(front, {**context, "entries": entries, "total_pages": total}).render()
            if len(document.pages) == front_pages:
                break
            front_pages = len(document.pages)
        document.write_pdf(front_path)
        del document

        front = PdfWriter(clone_from=str(front_path))
        for page in front.pages:
            _link_sections(page)
        front.write(front_path)
        del front
        page_number = front_pages
        for path, count in parts:
            # each part gets its footers in a writer of its own, written back to disk, so that
            # the pages' parsed contents (what merging a footer builds) are freed part by part
            part = PdfWriter(clone_from=str(path))
            for start in range(0, count, FOOTER_CHUNK):
                size = min(FOOTER_CHUNK, count - start)
                overlay = PdfReader(
                    _footers(
                        footers, context, first=page_number + start + 1, size=size, total=total
                    )
                )
                for offset, footer in enumerate(overlay.pages):
                    page = part.pages[start + offset]
                    page.merge_page(footer, over=True)
                    page.compress_content_streams()
            part.write(path)
            del part
            page_number += count
        _join(out, front_path, [path for path, _count in parts])
        return total


def _join(out, front_path, part_paths) -> None:
    """Write the front and the parts, in order, as one PDF to `out` (a path or a binary file),
    with every named destination of the parts pointing at its page in the joined file."""
    import pikepdf

    with pikepdf.open(front_path) as joined:
        sources, destinations = [], {}
        try:
            for path in part_paths:
                source = pikepdf.open(path)
                sources.append(source)
                offset = len(joined.pages)
                for name, (index, rest) in _destinations(source).items():
                    destinations[name] = (offset + index, rest)
                joined.pages.extend(source.pages)
            if destinations:
                tree = pikepdf.NameTree.new(joined)
                for name, (index, rest) in destinations.items():
                    tree[name] = pikepdf.Array([joined.pages[index].obj, *rest])
                joined.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
            joined.save(out)
        finally:
            for source in sources:
                source.close()


def _destinations(pdf) -> dict:
    """{name: (page index, [the rest of the destination: /XYZ left top zoom])} of `pdf`."""
    import pikepdf

    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    index_of = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    found = {}
    for name, destination in pikepdf.NameTree(names.Dests).items():
        array = destination.D if isinstance(destination, pikepdf.Dictionary) else destination
        index = index_of.get(array[0].objgen)
        if index is not None:
            found[str(name)] = (index, list(array[1:]))
    return found


def _link_sections(page) -> None:
    """Turn the page's links to "section:<id>" into links to the named destination <id>."""
    from pypdf.generic import NameObject, TextStringObject

    for reference in page.get("/Annots", []):
        annotation = reference.get_object()
        action = annotation.get("/A")
        uri = str(action.get_object().get("/URI", "")) if action is not None else ""
        if uri.startswith(SECTION_LINK):
            del annotation["/A"]
            annotation[NameObject("/Dest")] = TextStringObject(uri.removeprefix(SECTION_LINK))


def _footers(template_name, context, *, first, size, total):
    import io

    data = render_pdf(
        template_name,
        {**context, "pages": range(size), "first_page": first, "total_pages": total},
    )
    return io.BytesIO(data)
