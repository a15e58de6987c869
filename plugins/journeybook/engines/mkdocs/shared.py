"""A guide built inside the base site shares the base site's assets instead of copying them.

Every guide of an agency carries the same theme files (Material's JavaScript,
stylesheets, search workers, source maps) and the same journeybook CSS and JS.
When ``journeybook build`` places a guide in ``<site>/<client>/`` beside a base
site that has byte-identical copies, those files are left out of the guide and
its pages point one folder up, at the base site's copy, with relative URLs.
A file the base site does not have (or has in another version) stays in the guide.
"""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..common.assets import ASSET_URI, assets


class SharedAssets:
    """What a guide leaves to the base site at ``base_dir`` (its parent folder)."""

    def __init__(self, base_dir: Path | None = None) -> None:
        self.base_dir = base_dir
        self.uris: set[str] = set()
        self.tops = ""  # the shared files' top folders, as a regex alternation
        self.patterns: dict[str, tuple[re.Pattern[str], ...]] = {}  # by the path up to the site's root

    def drop(self, files: Files, config: MkDocsConfig, material_fixes: bool) -> Files:
        """Remove from ``files`` the theme files and our assets that the base site has as they are."""
        self.uris, self.tops, self.patterns = set(), "", {}
        if self.base_dir is None:
            return files
        theme_dirs = [os.path.join(os.path.abspath(d), "") for d in config.theme.dirs]  # as MkDocs names them
        ours = {ASSET_URI + name for name in assets(material_fixes)}
        for file in list(files):
            if file.abs_src_path is None or file.is_documentation_page():
                continue
            source = file.abs_src_path
            if file.dest_uri not in ours and not source.startswith(tuple(theme_dirs)):
                continue
            copy = self.base_dir / file.dest_uri
            if copy.is_file() and filecmp.cmp(source, copy, shallow=False):
                files.remove(file)
                self.uris.add(file.dest_uri)
        self.tops = "|".join(sorted({re.escape(uri.split("/")[0]) for uri in self.uris}))
        return files

    def _point_up(self, html: str, prefix: str) -> str:
        """Each quoted URL ``prefix`` + a shared file's path, one folder further up."""
        if not self.uris:
            return html
        if prefix not in self.patterns:  # a URL in one of the shared files' top folders; looked up in `uris`
            self.patterns[prefix] = tuple(  # one pattern per quote: a literal start is found fast
                re.compile(rf"""{quote}{re.escape(prefix)}((?:{self.tops})(?:/[^"'?#]*)?)(?=["'?#])""")
                for quote in "\"'")

        def up(m: re.Match[str]) -> str:
            uri = m.group(1)
            return f"{m.group(0)[0]}{prefix}../{uri}" if uri in self.uris else m.group(0)

        for pattern in self.patterns[prefix]:
            html = pattern.sub(up, html)
        return html

    def page(self, html: str, page: Page) -> str:
        """A page's references to shared files, one folder further up."""
        prefix = "../" * page.url.count("/")  # from the page's folder up to the site's root
        return self._point_up(html, prefix)

    def template(self, html: str, config: MkDocsConfig) -> str:
        """A static template (404.html) links from the site's root path, or from its root folder."""
        if not self.uris:
            return html
        root = urlsplit(config.site_url or "").path
        if root and root.endswith("/") and root != "/":
            parent = root[: root.rstrip("/").rfind("/") + 1]
            for uri in self.uris:
                html = html.replace(f'"{root}{uri}', f'"{parent}{uri}')
        return self._point_up(html, "")
