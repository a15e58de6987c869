"""Serving a built site to a headless Chromium, and reading what the page shows.

The site is served the way it is published: at the address of its ``site_url``
(``http://example.org/playbook/`` for the sample). A local
``ThreadingHTTPServer`` on 127.0.0.1 answers as an HTTP proxy for that host, and
each browser context uses it as its proxy. Serving at the real address matters:
Material's instant navigation only takes over links that are listed in the
site's ``sitemap.xml``, whose addresses come from ``site_url``; served at
``http://127.0.0.1:<port>/`` every click would be a full page load.

Every other host gets an error at once (404 over plain HTTP, a failed tunnel
over HTTPS), so nothing leaves the machine and no test waits on the network.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # no DNS at all: only the local server (the proxy) is reachable
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

FALLBACK_HOST = "journeybook.test"


def chromium_executable() -> str:
    """Debian's Chromium (Playwright's own browser download is not used)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail(
            "The browser tests need Chromium and none was found on PATH (chromium or chromium-browser). "
            "`make test` installs it (Debian: apt-get install chromium).",
            pytrace=False,
        )
    return path


def site_address(site_dir: Path) -> tuple[str, str]:
    """(host, path prefix) where the built site is published, from its sitemap."""
    sitemap = site_dir / "sitemap.xml"
    locs: list[str] = []
    if sitemap.is_file():
        locs = [el.text or "" for el in ET.parse(sitemap).iter() if el.tag.endswith("loc")]
    parts = [urlsplit(loc) for loc in locs]
    parts = [p for p in parts if p.scheme in ("http", "https") and p.netloc]
    if not parts:
        return FALLBACK_HOST, "/"
    root = min(parts, key=lambda p: len(p.path))
    prefix = root.path if root.path.endswith("/") else root.path.rsplit("/", 1)[0] + "/"
    return root.netloc, prefix


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files of one site, for one host and path prefix; anything else is a 404."""

    def __init__(self, *args: Any, host: str, prefix: str, **kwargs: Any) -> None:
        self.site_host = host
        self.site_prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)  # absolute form (proxy request) or origin form
        if (parts.netloc and parts.netloc != self.site_host) or not parts.path.startswith(self.site_prefix):
            return os.path.join(self.directory, "..", ".not-served", "404")  # no such file: 404
        return super().translate_path("/" + parts.path[len(self.site_prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser hung up (a refused tunnel, a cancelled request): not news
        super().handle_error(request, client_address)


@dataclass
class Site:
    """A built site, served; ``url("touchpoints/x/")`` is an address the browser can open."""

    root: Path
    base: str
    proxy: str

    def url(self, path: str = "") -> str:
        return urljoin(self.base, path)


@contextmanager
def serve(site_dir: Path) -> Iterator[Site]:
    host, prefix = site_address(site_dir)
    handler = functools.partial(_SiteHandler, directory=str(site_dir), host=host, prefix=prefix)
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {site_dir}", daemon=True)
    thread.start()
    try:
        yield Site(root=site_dir, base=f"http://{host}{prefix}", proxy=f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- reading the page


def box(page: Any, touchpoint: str, item: str, within: str = "") -> Any:
    """The checkbox of one item (in the first checklist of that touchpoint on the page)."""
    scope = within or f'[data-jb-checklist="{touchpoint}"]'
    return page.locator(f'{scope} input[type="checkbox"][data-jb-item="{touchpoint}/{item}"]').first


def checklist(page: Any, touchpoint: str) -> Any:
    return page.locator(f'[data-jb-checklist="{touchpoint}"]').first


def progress(page: Any, touchpoint: str) -> Any:
    return page.locator(f'[data-jb-progress="{touchpoint}"]').first


def stored(page: Any, touchpoint: str) -> list[str] | None:
    """The stored ticks of the page's checklist for ``touchpoint`` (None: no key)."""
    raw = page.evaluate("key => localStorage.getItem(key)", storage_key(page, touchpoint))
    return None if raw is None else json.loads(raw)


def storage_key(page: Any, touchpoint: str) -> str:
    """The documented key: "journeybook:" + the checklist's scope + ":" + touchpoint."""
    scope = checklist(page, touchpoint).get_attribute("data-jb-scope") or ""
    return f"journeybook:{scope}:{touchpoint}"


def journeybook_keys(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith("journeybook:"))
            .map(k => [k, JSON.parse(localStorage.getItem(k))]))"""
    )


def wait_for_scheme(page: Any, scheme: str, timeout: float = 5000) -> None:
    """Wait until Material has applied the palette ``scheme`` (and finished switching), then assert it."""
    with suppress(Exception):  # a TimeoutError; the assertion below says what is wrong
        page.wait_for_function(
            """scheme => document.body.getAttribute("data-md-color-scheme") === scheme
                && !document.body.hasAttribute("data-md-color-switching")""",
            arg=scheme,
            timeout=timeout,
        )
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == scheme, f"palette on {page.url}: expected data-md-color-scheme={scheme!r}, got {actual!r}"


CURVE_POINTS = """sel => {
    const svg = document.querySelector(sel);
    const centre = el => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; };
    const of = s => [...svg.querySelectorAll(s)].map(el => [el.getAttribute("data-score"), centre(el)]);
    return {planned: of(".jb-curve__series--1 circle.jb-curve__point"),
            today: of(".jb-curve__series--today rect.jb-curve__point")};
}"""


def curve_points(page: Any, svg: str = "svg.jb-emotion-curve") -> dict[str, list[tuple[str, float]]]:
    """A future journey's curve: the score and the height (px, to a tenth) of each point of the planned line
    and of today's, in the order they are drawn."""
    found = page.evaluate(CURVE_POINTS, svg)
    return {line: [(score, round(y, 1)) for score, y in points] for line, points in found.items()}


def heights_by_score(points: list[tuple[str, float]]) -> dict[str, set[float]]:
    """The heights the points of each score are drawn at (one height per score: one scale)."""
    heights: dict[str, set[float]] = {}
    for score, y in points:
        heights.setdefault(score, set()).add(y)
    return heights
