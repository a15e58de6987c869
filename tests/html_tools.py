"""Reading built HTML with a real parser (no regular expressions over markup)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Parsed:
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def find(self, tag: str | None = None, **attrs: str | None) -> list[Element]:
        """Elements with ``tag`` whose attributes include ``attrs`` (None: attribute present)."""
        found = []
        for el in self.elements:
            if tag is not None and el.tag != tag:
                continue
            ok = True
            for name, value in attrs.items():
                name = name.replace("_", "-")
                if name not in el.attrs or (value is not None and el.attrs[name] != value):
                    ok = False
                    break
            if ok:
                found.append(el)
        return found

    def has_class(self, cls: str) -> list[Element]:
        return [el for el in self.elements if cls in (el.attrs.get("class") or "").split()]


class _Collector(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.result.elements.append(el)
        if el.attrs.get("id"):
            self.result.ids.add(el.attrs["id"] or "")
        if tag not in self.VOID:
            self.open.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.result.elements.append(el)
        if el.attrs.get("id"):
            self.result.ids.add(el.attrs["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        for el in self.open:
            el.text += data


def parse_html(text: str) -> Parsed:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.result


def parse_file(path: Path) -> Parsed:
    return parse_html(path.read_text(encoding="utf-8"))


# html-validate's `prefer-native-element` (its default mapping): an element with one of
# these roles should be the native element that already has it.
NATIVE_ELEMENT = {
    "article": "article", "banner": "header", "button": "button", "cell": "td", "checkbox": "input",
    "complementary": "aside", "contentinfo": "footer", "figure": "figure", "form": "form",
    "heading": "h1 h2 h3 h4 h5 h6", "input": "input", "link": "a", "list": "ul", "listbox": "select",
    "listitem": "li", "main": "main", "navigation": "nav", "progressbar": "progress", "radio": "input",
    "region": "section", "table": "table", "textbox": "textarea",
}


def roles_instead_of_native_elements(text: str) -> list[str]:
    """``<tag role="…">`` in ``text`` where a native element says the same (e.g. ``<div role="region">``)."""
    found = []
    for el in parse_html(text).elements:
        role = (el.attrs.get("role") or "").strip().lower()
        native = NATIVE_ELEMENT.get(role)
        if native is not None and el.tag not in native.split():
            found.append(f'<{el.tag} role="{role}">')
    return found


def article(text: str) -> str:
    """The page's own content: Material's ``<article>``, without the theme around it."""
    start = text.index("<article")
    return text[start : text.index("</article>", start)]
