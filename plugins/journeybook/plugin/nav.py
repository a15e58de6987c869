"""Our sections in the site navigation, and a sidebar scoped to the current page at scale."""

from __future__ import annotations

import html
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..model import Playbook
from ..nav import build_nav
from ..render import RenderOptions


class NavMaker:
    """Appends the generated sections to the navigation MkDocs built."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # src_uri -> the (escaped) title of its nav entry
        self.scoper = Scoper([], 0)

    def build(self, nav: Navigation, files: Files, playbook: Playbook, generated: set[str], limit: int) -> Navigation:
        options = RenderOptions(language=playbook.language)
        ours = [self._section(s, files) for s in build_nav(playbook, options)]
        kept = _without_generated(nav.items, generated)
        items = kept + ours
        pages = _pages_in(items)
        _link(items, pages)
        self.scoper = Scoper(ours, limit)
        return Navigation(items, pages)

    def _section(self, node: Any, files: Files) -> Any:
        if not hasattr(node, "children"):
            return self._page(node.src_uri, node.title, files)
        children = []
        index = getattr(node, "index", None)
        if index:
            children.append(self._page(index, node.title, files))
        children += [self._section(child, files) for child in node.children]
        return Section(html.escape(node.title), children)  # MkDocs does not escape titles

    def _page(self, src_uri: str, title: str, files: Files) -> Page:
        file = files.get_file_from_path(src_uri)
        if file is None or file.page is None:
            raise PluginError(f"journeybook: the navigation names a page that was not generated: {src_uri}")
        page = file.page
        self.titles[src_uri] = html.escape(title)
        page.title = self.titles[src_uri]  # the short title of the nav entry; MkDocs does not escape titles
        return page


class Scoper:
    """Per page, large sections list only the current page's branch (cheap at scale).

    A section holding more than ``limit`` pages keeps, while one page is rendered,
    its index page and the child on the way to the current page; its other
    children are left out (they stay linked from the index page). A large
    section off that way shrinks to its index page. Small sections, and a
    journey's own section (its map and phases), are never cut. ``restore`` puts
    every list back after the page is written.
    """

    def __init__(self, sections: list[Section], limit: int) -> None:
        self.sections = sections
        self.full = {id(s): list(s.children) for s in _sections_in(sections)}
        self.large = {id(s) for s in _sections_in(sections) if len(_pages_in(s.children)) > limit and not _is_journey(s)}
        self.changed: list[Section] = []

    def scope(self, page: Page) -> None:
        way = set()
        node: Any = page
        while node is not None:
            way.add(id(node))
            node = node.parent
        for section in self.sections:
            self._cut(section, page, way)

    def _cut(self, section: Section, page: Page, way: set[int]) -> None:
        if id(section) not in self.large:
            return
        full = self.full[id(section)]
        index = full[:1] if full and isinstance(full[0], Page) and full[0].file.name == "index" else []
        if id(section) not in way:
            kept = index
        else:
            kept = index + [c for c in full if id(c) in way and c not in index]
            for child in kept:
                if isinstance(child, Section):
                    self._cut(child, page, way)
        section.children = kept
        self.changed.append(section)

    def restore(self) -> None:
        for section in self.changed:
            section.children = self.full[id(section)]
        self.changed = []

def _without_generated(items: list[Any], generated: set[str]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without_generated(item.children, generated)
            if item.children:
                kept.append(item)
        elif getattr(item, "file", None) is None or item.file.src_uri not in generated:
            kept.append(item)
    return kept


def is_journey_map(src_uri: str) -> bool:
    return src_uri.startswith("journeys/") and src_uri.count("/") == 2 and src_uri.endswith("/index.md")


def _is_journey(section: Section) -> bool:
    first = section.children[0] if section.children else None
    return isinstance(first, Page) and is_journey_map(first.file.src_uri)


def _sections_in(items: list[Any]) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(item)
            found += _sections_in(item.children)
    return found


def _pages_in(items: list[Any]) -> list[Page]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found += _pages_in(item.children)
        elif isinstance(item, Page):
            found.append(item)
    return found


def _link(items: list[Any], pages: list[Page]) -> None:
    _set_parents(items, None)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
        page.previous_page, page.next_page = before, after


def _set_parents(items: list[Any], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


