"""Page addresses: src_uri -> url (as MkDocs computes them) and relative links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The url MkDocs gives a Markdown file: ``a/b.md`` -> ``a/b/`` (or ``a/b.html``),
    ``a/index.md`` -> ``a/`` (or ``a/index.html``)."""
    stem, _ = posixpath.splitext(src_uri)
    directory, name = posixpath.split(stem)
    if name in ("index", "README"):
        if use_directory_urls:
            return f"{directory}/" if directory else ""
        return posixpath.join(directory, "index.html")
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(from_url: str, to_url: str) -> str:
    """``to_url`` (site-relative, optional ``#anchor``) as seen from the page at ``from_url``.

    >>> relative_url("journeys/a/awareness/", "personas/b/")
    '../../../personas/b/'
    >>> relative_url("journeys/a/awareness.html", "touchpoints/seo.html#x")
    '../../touchpoints/seo.html#x'
    >>> relative_url("journeys/a/", "journeys/a/#jb-cl-seo")
    '#jb-cl-seo'
    """
    path, hash_, fragment = to_url.partition("#")
    if path == from_url and hash_:
        return f"#{fragment}"
    from_dirs = [p for p in from_url.split("/")[:-1] if p not in ("", ".")]
    to_parts = [p for p in path.split("/") if p != "."]
    to_dirs, leaf = to_parts[:-1], to_parts[-1] if to_parts else ""
    common = 0
    while common < min(len(from_dirs), len(to_dirs)) and from_dirs[common] == to_dirs[common]:
        common += 1
    rel = "/".join([".."] * (len(from_dirs) - common) + to_dirs[common:] + [leaf])
    rel = rel or "./"
    return f"{rel}#{fragment}" if hash_ else rel


def is_journey_map(src_uri: str) -> bool:
    """Is this the source name of a journey's map (``journeys/<journey>/index.md``)?"""
    return src_uri.startswith("journeys/") and src_uri.count("/") == 2 and src_uri.endswith("/index.md")


@dataclass(frozen=True)
class Urls:
    """Source uris and urls of every generated page."""

    use_directory_urls: bool = True

    # src_uri -----------------------------------------------------------------
    @staticmethod
    def journeys_src() -> str:
        return "journeys/index.md"

    @staticmethod
    def journey_src(journey_id: str) -> str:
        return f"journeys/{journey_id}/index.md"

    @staticmethod
    def phase_src(journey_id: str, phase_id: str) -> str:
        return f"journeys/{journey_id}/{phase_id}.md"

    @staticmethod
    def personas_src() -> str:
        return "personas/index.md"

    @staticmethod
    def persona_src(persona_id: str) -> str:
        return f"personas/{persona_id}.md"

    @staticmethod
    def matrix_src() -> str:
        return "personas/matrix.md"

    @staticmethod
    def touchpoints_src() -> str:
        return "touchpoints/index.md"

    @staticmethod
    def touchpoint_src(touchpoint_id: str) -> str:
        return f"touchpoints/{touchpoint_id}.md"

    @staticmethod
    def sources_src() -> str:
        return "sources/index.md"

    @staticmethod
    def review_src() -> str:
        return "review/index.md"

    @staticmethod
    def kpis_src() -> str:
        return "kpis/index.md"

    # url ---------------------------------------------------------------------
    def url(self, src_uri: str, anchor: str | None = None) -> str:
        url = page_url(src_uri, self.use_directory_urls)
        return f"{url}#{anchor}" if anchor else url

    def journeys(self) -> str:
        return self.url(self.journeys_src())

    def journey(self, journey_id: str, anchor: str | None = None) -> str:
        return self.url(self.journey_src(journey_id), anchor)

    def phase(self, journey_id: str, phase_id: str, anchor: str | None = None) -> str:
        return self.url(self.phase_src(journey_id, phase_id), anchor)

    def personas(self) -> str:
        return self.url(self.personas_src())

    def persona(self, persona_id: str, anchor: str | None = None) -> str:
        return self.url(self.persona_src(persona_id), anchor)

    def matrix(self) -> str:
        return self.url(self.matrix_src())

    def touchpoints(self, anchor: str | None = None) -> str:
        return self.url(self.touchpoints_src(), anchor)

    def touchpoint(self, touchpoint_id: str, anchor: str | None = None) -> str:
        return self.url(self.touchpoint_src(touchpoint_id), anchor)

    def sources(self, anchor: str | None = None) -> str:
        return self.url(self.sources_src(), anchor)
