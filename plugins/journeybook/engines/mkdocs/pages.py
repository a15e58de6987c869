"""Per generated page: its edit link to the YAML and its table of contents."""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..common.pages import edit_base


def edit_url(config: MkDocsConfig, source: str | None, docs_dir: str, edit_root: str | None) -> str | None:
    """Where "Edit this page" goes: the YAML file, ``source`` and ``docs_dir`` being relative to the project root.

    ``edit_uri`` points at the docs dir (``edit/main/src/site-pages/``); without
    the docs dir's path it points at the project root (``edit/main/``), unless
    ``edit_root`` says where that is.
    """
    base = edit_base(config.repo_url, config.edit_uri, docs_dir, edit_root)
    if not source or base is None:
        return None
    return base + posixpath.normpath(source)


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
