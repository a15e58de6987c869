"""Per generated page: its edit link to the YAML and its table of contents."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig


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


_BLANK_LINES = re.compile(r"\n\s*\n")


def without_blank_lines(output: str) -> str:
    """A generated page without the blank lines the theme's templates leave (a fifth of its bytes).

    Only journeybook's own pages, and only those without preformatted text.
    """
    if "<pre" in output or "<textarea" in output:
        return output
    return _BLANK_LINES.sub("\n", output)


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
