"""The renderer's public data: options in, page specs out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    language: str = "en"
    scope: str = "journeybook"  # localStorage scope, goes into data-jb-scope
    use_directory_urls: bool = True
    template_dirs: tuple[str, ...] = ()  # user override dirs, searched before the package's templates
    edit_base: str | None = None  # "Edit this page" address of the project root (the review page links files)
    today: datetime.date | None = None  # the date reviews are due against (the review page); None: today


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # "journeys/<j>/<phase>.md", ...
    url: str  # "journeys/<j>/<phase>/" (or ".html" without directory urls)
    title: str
    html: str  # page body: starts with <h1>
    toc: tuple[tuple[int, str, str], ...]  # (level, id, plain text) of the h2/h3 headings, in order
    source_path: str | None  # the YAML file it came from, for "Edit this page"
    section: str  # "journeys" | "personas" | "touchpoints" | "sources"
    search_html: str = ""  # a lean copy of ``html`` for site search (see render.search)


@dataclass(frozen=True)
class PageOutline:
    """What is known of a page before its HTML: enough for files, navigation and edit links."""

    src_uri: str
    url: str
    title: str
    source_path: str | None
    section: str
