"""Our sections in the site navigation, and a sidebar scoped to the current page at scale."""

from __future__ import annotations

import html
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from ...model import Playbook
from ...render import RenderOptions
from ...render.nav import NavLink, NavSection, build_nav
from ...render.urls import is_journey_map


class NavMaker:
    """Our pages in the navigation MkDocs (or awesome-nav) built from the user's nav.

    A generated page the user's nav names stays where it is, under the user's
    title. When it is the index of one of our sections (``Our journeys:
    journeys/index.md``), that section's other pages follow it there: in the
    user's section if the page comes first in one, else in a new section under
    the user's title. Every page the user did not place is appended in our
    sections, as without a nav. MkDocs builds our part from a nav config, as it
    builds the user's.
    """

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # src_uri -> the title of its nav entry (HTML, escaped)
        self.scoper = Scoper([], 0)

    def build(self, nav: Navigation, files: Files, config: MkDocsConfig, playbook: Playbook,
              generated: set[str], limit: int) -> Navigation:
        tree = build_nav(playbook, RenderOptions(language=playbook.language))
        placed = {p.file.src_uri: p for p in _pages_in(nav.items) if p.file.src_uri in generated}
        moved: dict[str, list[NavLink | NavSection]] = {}
        rest = _unplaced(tree, set(placed), moved)
        self.titles = _titles(tree)
        for uri, page in placed.items():
            if page.title is not None:
                self.titles[uri] = page.title  # the user's (MkDocs leaves nav titles as written)
        ours = _to_items(rest + [NavSection(uri, None, children) for uri, children in moved.items()], files, config)
        appended = ours[: len(rest)]
        following = {uri: s.children for uri, s in zip(moved, ours[len(rest):], strict=True)}
        items = _place(list(nav.items), following, self.titles) + appended
        pages = _pages_in(items)
        _link(items, pages)
        self.scoper = Scoper(appended + [s for s in _sections_in(items) if _first_uri(s) in following], limit)
        return Navigation(items, pages)


def _unplaced(nodes: list[Any], placed: set[str], moved: dict[str, list[Any]]) -> list[Any]:
    """``nodes`` without the pages in ``placed``; a section whose index is placed goes to ``moved``."""
    kept: list[Any] = []
    for node in nodes:
        if isinstance(node, NavLink):
            if node.src_uri not in placed:
                kept.append(node)
            continue
        children = _unplaced(node.children, placed, moved)
        if node.index in placed:
            if children:
                moved[node.index] = children
        elif node.index or children:
            kept.append(NavSection(node.title, node.index, children))
    return kept


def _titles(nodes: list[Any]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, NavLink):
            titles[node.src_uri] = html.escape(node.title)  # MkDocs does not escape titles
        else:
            if node.index:
                titles[node.index] = html.escape(node.title)
            titles.update(_titles(node.children))
    return titles


def _to_items(nodes: list[Any], files: Files, config: MkDocsConfig) -> list[Any]:
    """MkDocs' own navigation of ``nodes``, built from a nav config."""

    def entry(node: Any) -> dict[str, Any]:
        if isinstance(node, NavLink):
            uris.append(node.src_uri)
            return {html.escape(node.title): node.src_uri}
        children = [entry(child) for child in node.children]
        if node.index:
            uris.append(node.index)
            children.insert(0, {html.escape(node.title): node.index})
        return {html.escape(node.title): children}

    uris: list[str] = []
    nav_config = [entry(node) for node in nodes]
    for uri in uris:  # new pages, titled by the nav config
        file = files.get_file_from_path(uri)
        if file is None:
            raise PluginError(f"journeybook: the navigation names a page that was not generated: {uri}")
        file.page = None
    saved = config.nav
    config.nav = nav_config
    try:
        return get_navigation(files, config).items
    finally:
        config.nav = saved


def _place(items: list[Any], following: dict[str, list[Any]], titles: dict[str, str]) -> list[Any]:
    """Put the pages that follow a placed index page after it, in place."""
    for i, item in enumerate(items):
        if isinstance(item, Section):
            first = item.children[0] if item.children else None
            if isinstance(first, Page) and first.file.src_uri in following:
                item.children = [first, *_place(item.children[1:], following, titles), *following[first.file.src_uri]]
            else:
                item.children = _place(item.children, following, titles)
        elif isinstance(item, Page) and item.file.src_uri in following:
            items[i] = Section(titles[item.file.src_uri], [item, *following[item.file.src_uri]])
    return items


def _first_uri(section: Section) -> str | None:
    first = section.children[0] if section.children else None
    return first.file.src_uri if isinstance(first, Page) else None


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
        self.large = {id(s) for s in _sections_in(sections)
                      if len(_pages_in(s.children)) > limit and not _is_journey(s)}
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
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after


def _set_parents(items: list[Any], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


