"""A staging folder Zensical builds: the user's pages, the generated pages as Markdown, our assets, a config.

Nothing is written into the project's ``content/`` or ``journeys/``. A
generated page is a Markdown file at its source name (``journeys/<j>/<phase>.md``,
as :class:`journeybook.render.urls.Urls` has it, so its URL is the one MkDocs
gives it): front matter (the tab title, the edit link to the YAML, what to
hide), a line naming its headings for the toc extension, and the core's HTML
as one raw block. The checklist controls are marked ``data-search-exclude``.
Files are written only when their bytes change, so ``zensical serve`` rebuilds
only what changed.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from ...errors import Problem
from ...options import Options
from ...read.project import Project, Result
from ...render import PageSpec, RenderOptions
from ...render.minify import minified
from ...render.nav import build_nav
from ...render.titles import tab_title
from ...render.urls import page_url
from ...session import Session
from ..common.assets import ASSET_URI, assets
from ..common.links import LeftOut
from ..common.pages import ClientSources, edit_base, sidebars_hidden
from ..common.theme import client_css
from .config import PACKAGE_OVERRIDES, Assets, auto_nav, named_in, our_nav, staged_config, write_config
from .toc import toc_line

DOCS, SITE, OVERRIDES, CONFIG = "docs", "site", "overrides", "mkdocs.yml"

# the checklist's controls and counters: search shows the items, not "Reset", "Export CSV" or "0/5"
_NOT_SEARCHED = ("jb-checklist__status", "jb-checklist__menu", "jb-checklist__undo", "jb-phase-progress",
                 "jb-tp-card__progress", "jb-source__cited")


def for_search(html: str) -> str:
    for name in _NOT_SEARCHED:
        html = html.replace(f'class="{name}"', f'class="{name}" data-search-exclude')
    return html


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def from_source(html: str, url: str, src_uri: str) -> str:
    """``html``'s relative links (written from the page's URL) written from its source file's folder.

    Zensical reads a relative link in a page as relative to the Markdown file, as MkDocs reads Markdown
    links: ``../consideration/`` on ``journeys/j/awareness.md`` (URL ``journeys/j/awareness/``) would lead
    to ``journeys/consideration/``. An index page's folder is its URL's, so its links stay as they are.
    """
    url_dir, src_dir = url[:url.rfind("/")] if "/" in url else "", posixpath.dirname(src_uri)
    if url_dir == src_dir:
        return html

    def rebase(match: re.Match[str]) -> str:
        value = match.group(2)
        if not value or value.startswith(("#", "/", "?")) or _SCHEME.match(value):
            return match.group(0)
        cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
        path, rest = value[:cut], value[cut:]
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(url_dir, path)), src_dir or ".")
        if path.endswith("/") and not moved.endswith("/"):
            moved += "/"
        return f'{match.group(1)}{moved}{rest}"'

    return _LINK.sub(rebase, html)


def page_text(spec: PageSpec, meta: dict[str, Any]) -> str:
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    body = from_source(for_search(spec.html), spec.url, spec.src_uri).strip("\n")
    return f"---\n{front}---\n\n{toc_line(spec.toc)}\n<div class=\"md-typeset jb-page\">\n{body}\n</div>\n"


def with_edit_link(page: bytes, edit: str | None) -> bytes:
    """A Markdown page with ``jb_edit`` added to its front matter (which it gets if it has none)."""
    line = f"jb_edit: {json.dumps(edit)}\n".encode()
    if page.startswith(b"---\n"):
        return b"---\n" + line + page[4:]
    return b"---\n" + line + b"---\n\n" + page


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def theme_of(config: dict[str, Any]) -> dict[str, Any]:
    theme = config.get("theme")
    return theme if isinstance(theme, dict) else {}


@dataclass
class Staged:
    """What the last staging wrote."""

    problems: list[Problem]
    written: list[str] = field(default_factory=list)  # files of the docs folder that changed
    left_out: LeftOut = field(default_factory=LeftOut)
    ok: bool = True


class Stager:
    """Stages one site (the base or a client's guide) into ``folder``; kept across ``serve`` rebuilds."""

    def __init__(self, project: Project, config_file: Path, user_config: dict[str, Any], options: Options,
                 folder: Path, *, serving: bool = False) -> None:
        self.project, self.config_file, self.user, self.options = project, config_file, user_config, options
        self.folder = folder
        self.session = Session(project, keep=serving)
        custom = theme_of(user_config).get("custom_dir")
        self.custom_dir = (config_file.parent / custom).resolve() if isinstance(custom, str) else None
        self.files: set[str] = set()  # the docs folder's files of the last staging

    @property
    def config_path(self) -> Path:
        return self.folder / CONFIG

    def template_dirs(self) -> tuple[str, ...]:
        return (str(self.custom_dir / "journeybook"),) if self.custom_dir is not None else ()

    def load(self) -> Result:
        return self.session.load(self.project)[0]

    def stage(self, result: Result) -> Staged:
        """Write the staging folder for ``result`` (a result without errors)."""
        assert result.playbook is not None
        playbook = result.playbook
        docs = self.folder / DOCS
        files: dict[str, bytes] = {}
        left_out = self._user_pages(files, edit_root(self.user, self.project.docs_dir, result))
        user = self.user
        edits = edit_root(user, self.project.docs_dir)
        site_url = user.get("site_url") or user.get("site_name") or ""
        options = RenderOptions(language=playbook.language, scope=f"{site_url}|{self.project.client or ''}",
                                use_directory_urls=user.get("use_directory_urls", True) is not False,
                                template_dirs=self.template_dirs(), edit_base=edits)
        rendered = self.session.render(result, options, jobs=1 if self.session.keep else 2)
        tree = build_nav(playbook, options)
        own = auto_nav([uri for uri in sorted(files) if uri.endswith(".md")])
        nav = (list(user["nav"]) if user.get("nav") else own) + our_nav(tree, named_in(user.get("nav")))
        page_edits = edit_root(user, self.project.docs_dir, result)
        sources = ClientSources(self.project)
        client = playbook.client
        site_name = client.name if client is not None else str(user.get("site_name") or "")
        tabs = "navigation.tabs" in (theme_of(user).get("features") or [])
        alone = {s.index for s in tree if not s.children and s.index}
        for spec in rendered.job.pages():
            source = sources(spec.source_path) or spec.source_path
            edit = page_edits + posixpath.normpath(source) if page_edits and source else None
            meta: dict[str, Any] = {"title": tab_title(spec.title, site_name), "jb_generated": True, "jb_edit": edit}
            hide = sidebars_hidden(spec.src_uri, tabs and spec.src_uri in alone)
            if hide:
                meta["hide"] = hide
            html = left_out.unlink(spec.html, spec.url) if left_out.paths else spec.html
            files[spec.src_uri] = page_text(PageSpec(**{**spec.__dict__, "html": html}), meta).encode()
        files["playbook.json"] = rendered.json.encode()
        css, js = self._assets(files, result)
        theme_dirs = [str(self.custom_dir)] if self.custom_dir else []
        config = staged_config(user, docs=docs, site=self.folder / SITE, custom_dir=self.folder / OVERRIDES,
                               nav=nav, assets=Assets(css, js), result=result, theme_dirs=theme_dirs)
        written = [uri for uri, data in sorted(files.items()) if write_if_changed(docs / uri, data)]
        for stale in self.files - set(files):
            (docs / stale).unlink(missing_ok=True)
        self.files = set(files)
        self._overrides()
        write_config(self.config_path, config)
        return Staged(result.problems, written, left_out)

    def _user_pages(self, files: dict[str, bytes], edits: str | None) -> LeftOut:
        """The docs dir's files (and a client's own content, replacing or adding to them), as they are; a
        client's own page says in its front matter where it is edited (``jb_edit``)."""
        p = self.project
        docs = p.path(p.docs_dir)
        client_content = p.path(p.clients_dir) / str(p.client) / "content" if p.client else None
        patterns = self.options.base_only if p.client else ()
        skip = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
        excluded = []
        for folder, own in ((docs, False), (client_content, True)):
            if folder is None or not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                uri = path.relative_to(folder).as_posix()
                if not path.is_file() or any(part.startswith(".") for part in uri.split("/")):
                    continue
                if not own and skip is not None and skip.match_file(uri) and not (
                        client_content is not None and (client_content / uri).is_file()):
                    if uri.endswith(".md"):
                        excluded.append(uri)
                    continue
                data = path.read_bytes()
                if own and uri.endswith(".md"):
                    source = path.resolve().relative_to(p.root.resolve()).as_posix()
                    data = with_edit_link(data, edits + source if edits else None)
                files[uri] = data
        use_dir = self.user.get("use_directory_urls", True) is not False
        return LeftOut(page_url(uri, use_dir) for uri in excluded)

    def _assets(self, files: dict[str, bytes], result: Result) -> tuple[tuple[str, ...], tuple[str, ...]]:
        names = assets(self.options.material_fixes)
        for name in names:
            files[ASSET_URI + name] = minified(name).encode()
        css = [ASSET_URI + n for n in names if n.endswith(".css")]
        js = tuple(ASSET_URI + n for n in names if n.endswith(".js"))
        client = result.playbook.client if result.playbook else None
        if client is not None:
            for name, path in (("client-logo", client.logo), ("client-favicon", client.favicon)):
                if path:
                    source = self.project.root / path
                    files[ASSET_URI + name + source.suffix] = source.read_bytes()
            if client.colors:
                files[ASSET_URI + "client.css"] = client_css(client.colors).encode()
        return tuple(css), js

    def _overrides(self) -> None:
        """The user's ``custom_dir`` with the package's template overrides beside it (the user's win)."""
        target = self.folder / OVERRIDES
        wanted: dict[str, bytes] = {}
        for folder in (PACKAGE_OVERRIDES, self.custom_dir):
            if folder is not None and folder.is_dir():
                for path in folder.rglob("*"):
                    if path.is_file():
                        wanted[path.relative_to(folder).as_posix()] = path.read_bytes()
        for uri, data in wanted.items():
            write_if_changed(target / uri, data)


def edit_root(user: dict[str, Any], docs_dir: str, result: Result | None = None) -> str | None:
    """The "Edit this page" address of the project root; with ``result``, a client's repo_url, edit_uri and
    edit_links apply (None: no edit links)."""
    from ...read.config import plugin_options

    repo_url, edit_uri = user.get("repo_url"), user.get("edit_uri")
    client = result.playbook.client if result is not None and result.playbook else None
    if client is not None:
        if client.edit_links is False:
            return None
        if client.repo_url is not None:
            repo_url = client.repo_url or None
        if client.edit_uri is not None:
            edit_uri = client.edit_uri
    root = plugin_options(user).get("edit_root")
    return edit_base(repo_url, edit_uri, docs_dir, root)
