"""Markdown from YAML -> safe HTML.

Raw HTML never passes: the Markdown parser is configured not to recognise raw
HTML at all (the ``html_block`` preprocessor and the inline ``html`` pattern are
removed), so ``<script>`` in the source is plain text and comes out escaped.
The result is then sanitised with :func:`nh3.clean` to a small allow-list of
tags, attributes and URL schemes (http, https, mailto; relative links stay), so
``[x](javascript:alert(1))`` loses its ``href``.

Headings in content are shifted down two levels (``#`` -> ``<h3>``) so they
never compete with the page's own ``<h1>``/``<h2>`` structure.

Results are cached: the same text (a touchpoint note, a checklist detail)
renders on many pages. A :class:`markdown.Markdown` instance is not thread-safe,
so each thread keeps its own.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

BLOCK_TAGS = frozenset(
    {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr",
     "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
)
INLINE_TAGS = frozenset({"a", "em", "strong", "code", "br"})
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
HEADING_SHIFT = 2

_local = threading.local()


class _ShiftHeadings(Treeprocessor):
    """``<h1>`` -> ``<h3>``, ``<h2>`` -> ``<h4>``, ... capped at ``<h6>``."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if len(el.tag) == 2 and el.tag[0] == "h" and el.tag[1].isdigit():
                el.tag = f"h{min(6, int(el.tag[1]) + HEADING_SHIFT)}"


def _new_converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_ShiftHeadings(md), "jb_shift_headings", 1)
    return md


def _converter() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _new_converter()
    return md


def _to_html(text: str) -> str:
    md = _converter()
    try:
        return md.convert(text)
    finally:
        md.reset()


def _clean(html: str, tags: frozenset[str]) -> str:
    return nh3.clean(
        html,
        tags=set(tags),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items() if k in tags},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener",
    )


@lru_cache(maxsize=8192)
def md_block(text: str | None) -> Markup:
    """Block Markdown (paragraphs, lists, tables, ...) as sanitised HTML."""
    if not text or not text.strip():
        return Markup("")
    return Markup(_clean(_to_html(text), BLOCK_TAGS).strip())  # noqa: S704 -- sanitised by nh3 (allow-list)


@lru_cache(maxsize=8192)
def md_inline(text: str | None) -> Markup:
    """Inline Markdown (emphasis, code, links) without a wrapping ``<p>``.

    Block structure in the source (lists, several paragraphs) is flattened:
    only inline tags survive; the text is kept.
    """
    if not text or not text.strip():
        return Markup("")
    html = _to_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(_clean(html, INLINE_TAGS).strip())  # noqa: S704 -- sanitised by nh3 (allow-list)
