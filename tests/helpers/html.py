"""Reading rendered pages in tests without a third-party parser: the elements of one tag."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""
    classes: set = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            attributes = {name: value or "" for name, value in attrs}
            element = Element(tag, attributes, classes=set(attributes.get("class", "").split()))
            self.found.append(element)
            self._open.append(element)

    def handle_endtag(self, tag):
        if tag == self.tag and self._open:
            element = self._open.pop()
            element.text = " ".join(element.text.split())

    def handle_data(self, data):
        for element in self._open:
            element.text += data


def elements(html: str, tag: str) -> list[Element]:
    """Every `<tag>` of the page, with its attributes and its text (whitespace collapsed)."""
    collector = _Collector(tag)
    collector.feed(html)
    collector.close()
    return collector.found


class _FormCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_values(html: str) -> dict:
    """What a browser would post for the page's form fields as they are (first value per name,
    checked boxes only, the selected option, textareas' text): the base of a changed form."""
    collector = _FormCollector()
    collector.feed(html)
    return {name: value.lstrip("\n") for name, value in collector.data.items()}


def as_shown(text: str, language: str = "it") -> str:
    """`text` (an English msgid) as a page in `language` shows it: translated, HTML-escaped."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(language):
        return escape(translation.gettext(text))
