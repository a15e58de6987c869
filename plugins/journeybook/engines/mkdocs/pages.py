"""Per generated page: its edit link to the YAML and its table of contents."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

from ...read.project import Project


def edit_url(config: MkDocsConfig, source: str | None, docs_dir: str, edit_root: str | None) -> str | None:
    """Where "Edit this page" goes: the YAML file, ``source`` and ``docs_dir`` being relative to the project root.

    ``edit_uri`` points at the docs dir (``edit/main/src/site-pages/``); without
    the docs dir's path it points at the project root (``edit/main/``), unless
    ``edit_root`` says where that is.
    """
    base = edit_base(config, docs_dir, edit_root)
    if not source or base is None:
        return None
    return base + posixpath.normpath(source)


def edit_base(config: MkDocsConfig, docs_dir: str, edit_root: str | None) -> str | None:
    """The "Edit this page" address of the project root (see :func:`edit_url`), or None without a repo_url."""
    if not config.repo_url:
        return None
    root = edit_root
    if root is None:
        edit_uri = config.edit_uri or ""
        docs = (docs_dir if not Path(docs_dir).is_absolute() else Path(docs_dir).name).strip("/") + "/"
        root = edit_uri.removesuffix(docs)
    return urljoin(config.repo_url.rstrip("/") + "/", root.lstrip("/"))


class ClientSources:
    """The client's own file behind a page of its guide, relative to the project root (None: there is none).

    A page's file is a YAML file of the data dir (relative to the root), whose
    client overlay in ``clients/<id>/journeys/`` is the file to edit when there
    is one; or a Markdown file (absolute) from the client's ``content/`` folder.
    The folders are resolved once, for the pages of one build.
    """

    def __init__(self, project: Project | None) -> None:
        self.project = project if project is not None and project.client else None
        if self.project is not None:
            p = self.project
            self.root = p.root.resolve()
            self.client_dir = p.path(p.clients_dir) / str(p.client)
            self.data_dir = p.path(p.data_dir)

    def __call__(self, source: str | None) -> str | None:
        if self.project is None or not source:
            return None
        path = (Path(source) if Path(source).is_absolute() else self.project.root / source).resolve()
        if path.is_relative_to(self.client_dir / "content"):
            return path.relative_to(self.root).as_posix()
        if not path.is_relative_to(self.data_dir):
            return None
        overlay = self.client_dir / "journeys" / path.relative_to(self.data_dir)
        return overlay.relative_to(self.root).as_posix() if overlay.is_file() else None


def toc_tokens(toc: tuple[tuple[int, str, str], ...]) -> list[Any]:  # MkDocs' _TocToken dicts
    tokens: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, title in toc:
        token = {"level": level, "id": anchor, "name": html.escape(title), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


_ARTICLE = 'class="md-content__inner md-typeset"'  # Material's article: the page's content
_BREAK_AND_SPACE = re.compile(r"\n[ \t\r\n]+")  # blank lines and indents (never a no-break space)


def finish_own_page(output: str) -> str:
    """A generated page, its article marked as journeybook's (class ``jb-page``: cheap for the browser to
    match, where ``:has()`` over the article is not), without the blank lines and indents the theme's
    templates leave (a quarter of its bytes).

    Only journeybook's own pages, and only those without preformatted text: a line
    break and the spaces after it are one collapsible white space in HTML, as a
    line break alone is.
    """
    output = output.replace(_ARTICLE, _ARTICLE[:-1] + ' jb-page"', 1)  # journeybook.css styles by this class
    if "<pre" in output or "<textarea" in output:
        return output
    return _BREAK_AND_SPACE.sub("\n", output)


def alone_in_its_tab(page: Any) -> bool:
    """True when the page is the only page under its top-level nav entry: with
    ``navigation.tabs`` its sidebar would list nothing but the page itself."""
    top = page
    while top.parent is not None:
        top = top.parent
    return top is page or _pages_under(top) == [page]


def _pages_under(node: Any) -> list[Any]:
    if getattr(node, "is_page", False):
        return [node]
    return [p for child in getattr(node, "children", None) or [] for p in _pages_under(child)]
