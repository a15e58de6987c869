"""A lean copy of a page's HTML for site search.

Search plugins parse every page's HTML again to split it into sections; our
pages carry checkboxes, buttons, inline SVG and many attributes that search
never shows. This copy keeps the headings (with their ids, which name the
sections), paragraphs, list items and the text, and leaves checklist items to the touchpoint's own page,
so a checklist item is found once, where it lives.
"""

from __future__ import annotations

import re

_DROP = re.compile(
    r"<svg\b.*?</svg>"
    r"|<span class=\"jb-checklist__actions\".*?</span>"
    r"|<span class=\"jb-checklist__count\">.*?</span></span>"
    r"|<span class=\"jb-cite__tip\".*?</span></sup>"  # a citation's tooltip: the sources list has it
    r"|<input\b[^>]*>",
    re.S,
)
_ITEMS = re.compile(r"<ul class=\"jb-checklist__items\">.*?(?=</section>)", re.S)
_INLINE = re.compile(r"</?(?!(?:h[1-6]|p|li)\b)[a-zA-Z][^>]*>")  # every other tag: its text stays
_ATTRIBUTES = re.compile(r"<(p|li)\s[^>]*>")


def search_html(html: str, *, checklist_items: bool) -> str:
    """The text and headings of ``html``; checklist items only when ``checklist_items``."""
    lean = _DROP.sub("", html)
    if not checklist_items:
        lean = _ITEMS.sub("", lean)
    return _ATTRIBUTES.sub(r"<\1>", _INLINE.sub(" ", lean))
