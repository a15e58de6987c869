"""In a client's guide, a link to a page the guide leaves out becomes its plain text.

A base page that every guide shares may link to a page some guide leaves out
(a ``base_only`` page). Such a link would lead nowhere in that guide; its text
stays and the link goes. Nothing else in the page changes.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>(.*?)</a>', re.S)


def site_path(url: str) -> str:
    """A page's URL (``about/``, ``about.html``, ``""``) as a normalised path from the site root."""
    return posixpath.normpath("/" + url)


class LeftOut:
    """The pages of the docs dir that this guide leaves out, by site path."""

    def __init__(self, urls: Iterable[str] = ()) -> None:
        self.paths = {site_path(url) for url in urls}

    def unlink(self, text: str, page_url: str) -> str:
        """``text`` (a page's HTML) with every link to a left-out page replaced by the link's content."""
        if not self.paths:
            return text
        here = "/" + page_url

        def replace(match: re.Match[str]) -> str:
            target = urlsplit(urljoin(here, html.unescape(match.group(1))))
            if target.scheme or target.netloc or not target.path:
                return match.group(0)
            return match.group(2) if posixpath.normpath(target.path) in self.paths else match.group(0)

        return _LINK.sub(replace, text)
