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
