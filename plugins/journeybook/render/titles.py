"""The browser tab's title: a short page title, the site name last, at most 70 characters.

Material writes ``<title>{{ page.meta.title }} - {{ config.site_name }}</title>``;
search engines cut titles near 60-70 characters and html-validate's
``long-title`` rule flags more than 70. A generated page's title can be long
("Consideration – Choosing planning software for the business"), so the part
before the site name is shortened at a word boundary and ends in "…".
"""

from __future__ import annotations

MAX_TITLE = 70
SEPARATOR = " - "  # Material's, between the page title and the site name
ELLIPSIS = "…"


def tab_title(title: str, site_name: str, limit: int = MAX_TITLE) -> str:
    """The page part of ``<title>``: ``title`` itself when it fits, else shortened.

    A site name so long that no word fits beside it leaves the first word.
    """
    room = limit - len(SEPARATOR) - len(site_name)
    if len(title) <= room:
        return title
    words = title.split()
    kept = words[0]
    for word in words[1:]:
        if len(kept) + 1 + len(word) + len(ELLIPSIS) > room:
            break
        kept = f"{kept} {word}"
    return kept.rstrip(" –-:,;") + ELLIPSIS
