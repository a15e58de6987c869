"""The MkDocs adapter: the only module that imports MkDocs.

It loads and checks the playbook before anything is written (a playbook with
errors stops the build before MkDocs cleans ``site_dir``), adds the generated
pages as virtual files, places them in the navigation, puts the rendered HTML in
place of the (empty) Markdown, points "Edit this page" at the YAML, ships the
package's CSS, JS and template overrides, and watches the data under ``serve``.
"""

from __future__ import annotations

import html
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import errors
from .nav import build_nav
from .render import PageOutline, PageSpec, RenderCache, RenderJob, RenderOptions, render_playbook_json, start_render
from .project import Project, Result
from .resolve import LoadCache, load

log = get_plugin_logger("journeybook")

PACKAGE_DIR = Path(__file__).parent
ASSETS = ("journeybook.css", "journeybook.js")
ASSET_URI = "assets/journeybook/"


class _GeneratedPage(File):
    """A generated page; under ``serve --dirty`` only pages whose HTML changed are rebuilt."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class JourneybookConfig(Config):
    data_dir = opt.Type(str, default="journeys")
    clients_dir = opt.Type(str, default="clients")
    client = opt.Optional(opt.Type(str))
    edit_root = opt.Optional(opt.Type(str))  # URL prefix for files relative to the project root
    nav_max_items = opt.Type(int, default=30)  # larger sections are scoped to the current page


@dataclass
class _Cache:
    """Survives ``serve`` rebuilds: the last good result and what it was built from."""

    key: tuple = ()
    result: Result | None = None
    job: RenderJob | None = None
    json: str = ""

    @property
    def outline(self) -> list[PageOutline]:
        return self.job.outline if self.job is not None else []


def _fingerprint(project: Project) -> tuple:
    stamp = []
    for folder in (project.path(project.data_dir), project.path(project.clients_dir), project.path(project.docs_dir)):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return (project, tuple(stamp))


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = _Cache()
        self.load_cache = LoadCache()  # used under `serve`: parsed files and rendered pages survive rebuilds
        self.render_cache = RenderCache()
        self.published: dict[str, str] = {}  # src_uri -> the HTML last written, for dirty rebuilds
        self.serving = False
        self.specs: dict[str, PageOutline] = {}  # generated pages by src_uri
        self.project: Project | None = None
        self.scoper = _Scoper([], 0)
        self.nav_titles: dict[str, str] = {}

    # ------------------------------------------------------------------ lifecycle

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds, and with it the cache.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root, client = self._root_and_client(Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        docs = Path(config.docs_dir).resolve()
        self.project = Project(
            root=root,
            data_dir=self.config.data_dir,
            clients_dir=self.config.clients_dir,
            docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
            site_name=config.site_name,
            language=str(config.theme.get("language") or "en"),
            client=client,
        )
        result = self._load(config)
        self._apply_client(config, result)
        self._add_theme(config)
        return config

    def _root_and_client(self, config_dir: Path) -> tuple[Path, str | None]:
        """A client's own ``clients/<id>/mkdocs.yml`` (which INHERITs the base) builds that client."""
        candidate = config_dir.parent.parent
        if (config_dir / "client.yml").is_file() and (candidate / self.config.clients_dir).resolve() == config_dir.parent:
            return candidate, self.config.client or config_dir.name
        return config_dir, self.config.client

    def _load(self, config: MkDocsConfig) -> Result:
        assert self.project is not None
        key = _fingerprint(self.project) + (config.use_directory_urls, tuple(config.theme.dirs))
        if key == self.cache.key and self.cache.result is not None:
            return self.cache.result
        result = load(self.project, self.load_cache if self.serving else None)
        self._report(result.problems, config)
        if errors.has_errors(result.problems) or result.playbook is None:
            count = sum(1 for p in result.problems if p.is_error)
            if self.serving and self.cache.result is not None:
                log.error(f"{count} error(s) in the playbook; still serving the last good version")
                return self.cache.result
            raise PluginError(f"journeybook: the playbook has {count} error(s); nothing was built")
        warnings = [p for p in result.problems if not p.is_error]
        if config.strict and warnings:  # counted here too: `mkdocs build --strict -q` drops warnings
            raise PluginError(f"journeybook: {len(warnings)} warning(s) in strict mode:\n" + errors.format_text(warnings))
        options = RenderOptions(
            language=result.playbook.language,
            scope=self._scope(config),
            use_directory_urls=config.use_directory_urls,
            template_dirs=tuple(str(Path(d) / "journeybook") for d in config.theme.dirs[:1] if config.theme.custom_dir),
        )
        if self.serving:  # rebuilds reuse what did not change; no forking beside the server's threads
            job = start_render(result.playbook, options, self.render_cache)
        else:  # large playbooks render in worker processes while MkDocs reads files and builds the nav
            job = start_render(result.playbook, options, jobs=min(2, os.cpu_count() or 1))
        self.cache = _Cache(key, result, job, render_playbook_json(result.playbook))
        return result

    def _report(self, problems: list[errors.Problem], config: MkDocsConfig) -> None:
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))

    def _scope(self, config: MkDocsConfig) -> str:
        base = config.site_url or config.site_name
        return f"{base}|{(self.project.client if self.project else None) or ''}"

    def _apply_client(self, config: MkDocsConfig, result: Result) -> None:
        playbook = result.playbook
        if playbook is None or playbook.client is None:
            return
        client = playbook.client
        config.site_name = client.name
        if config.site_url:  # the guide lives in <site>/<client>/: canonical links and the sitemap say so
            config.site_url = urljoin(config.site_url.rstrip("/") + "/", f"{client.id}/")
        if client.language:
            config.theme["language"] = client.language
        if client.logo:
            config.theme["logo"] = ASSET_URI + "client-logo" + Path(client.logo).suffix
        if client.colors:
            config.extra_css.append(ASSET_URI + "client.css")

    def _add_theme(self, config: MkDocsConfig) -> None:
        """Ship our template overrides (after a user's custom_dir) and our CSS/JS."""
        ours = str(PACKAGE_DIR / "theme")  # overrides of Material's own partials
        if config.theme.name == "material" and ours not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, ours)
        if config.theme.name == "material":
            features = config.theme.get("features") or []
            if "navigation.indexes" not in features:
                config.theme["features"] = [*features, "navigation.indexes"]
        for name in ASSETS:
            uri = ASSET_URI + name
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if uri not in [str(t) for t in target]:
                target.append(uri)

    # ------------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._client_content(files, config)
        self.specs = {outline.src_uri: outline for outline in self.cache.outline}
        rendered = {p.src_uri: p.html for p in self.cache.job.pages()} if self.serving and self.cache.job else {}
        for spec in self.cache.outline:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                log.warning(f"{config.docs_dir}/{spec.src_uri} is replaced by the page journeybook generates")
                files.remove(existing)
            file = _GeneratedPage.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.INCLUDED)
            if self.serving:  # consulted by dirty builds only
                file.changed = self.published.get(spec.src_uri) != rendered[spec.src_uri]
                self.published[spec.src_uri] = rendered[spec.src_uri]
            files.append(file)
        files.append(File.generated(config, "playbook.json", content=self.cache.json))
        for name in ASSETS:
            files.append(File.generated(config, ASSET_URI + name, abs_src_path=str(PACKAGE_DIR / "assets" / name)))
        client = self.cache.result.playbook.client if self.cache.result and self.cache.result.playbook else None
        if client is not None and client.logo and self.project is not None:
            logo = self.project.root / client.logo
            files.append(File.generated(config, ASSET_URI + "client-logo" + logo.suffix, abs_src_path=str(logo)))
        if client is not None and client.colors:
            files.append(File.generated(config, ASSET_URI + "client.css", content=_client_css(client.colors)))
        return files

    def _client_content(self, files: Files, config: MkDocsConfig) -> None:
        """A client's own ``clients/<id>/content/`` pages replace (or add to) the docs dir's."""
        if self.project is None or not self.project.client:
            return
        folder = self.project.path(self.project.clients_dir) / self.project.client / "content"
        if not folder.is_dir():
            return
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            src_uri = path.relative_to(folder).as_posix()
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File(src_uri, str(folder), config.site_dir, config.use_directory_urls))

    # ------------------------------------------------------------------ navigation

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        playbook = self.cache.result.playbook if self.cache.result else None
        if playbook is None:
            return nav
        options = RenderOptions(language=playbook.language)
        ours = [self._section(s, files) for s in build_nav(playbook, options)]
        kept = _without_generated(nav.items, set(self.specs))
        items = kept + ours
        pages = _pages_in(items)
        _link(items, pages)
        self.scoper = _Scoper(ours, self.config.nav_max_items)
        return Navigation(items, pages)

    def _section(self, node: Any, files: Files) -> Any:
        if not hasattr(node, "children"):
            return self._page(node.src_uri, node.title, files)
        children = []
        index = getattr(node, "index", None)
        if index:
            children.append(self._page(index, node.title, files))
        children += [self._section(child, files) for child in node.children]
        return Section(html.escape(node.title), children)  # MkDocs does not escape titles

    def _page(self, src_uri: str, title: str, files: Files) -> Page:
        file = files.get_file_from_path(src_uri)
        if file is None or file.page is None:
            raise PluginError(f"journeybook: the navigation names a page that was not generated: {src_uri}")
        page = file.page
        self.nav_titles[src_uri] = html.escape(title)
        page.title = self.nav_titles[src_uri]  # the short title of the nav entry; MkDocs does not escape titles
        return page

    @event_priority(100)
    def _full_title(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """Search (priority 0) indexes the page under its full title ..."""
        spec = self._rendered(page.file.src_uri)
        if spec is not None:
            page.title = html.escape(spec.title)
            page.toc = get_toc(_toc_tokens(spec.toc))
            page.content = spec.search_html  # search parses a lean copy; the page gets the full one below
        return context

    @event_priority(-100)
    def _nav_title(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """... and the sidebar shows the short one; the sidebar is scoped to this page."""
        spec = self._rendered(page.file.src_uri)
        if spec is not None:
            page.title = self.nav_titles.get(spec.src_uri, page.title)
            page.content = spec.html
        self.scoper.scope(page)
        return context

    on_page_context = CombinedEvent(_full_title, _nav_title)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.scoper.restore()
        return output

    # ------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.edit_url = self._edit_url(config, spec.source_path)
            page.meta["title"] = html.escape(spec.title)  # the browser tab's title
            if _is_journey_map(spec.src_uri):
                page.meta["hide"] = ["toc"]  # the journey map needs the width
            return ""
        return markdown

    def _rendered(self, src_uri: str) -> PageSpec | None:
        """A generated page's HTML (the first call waits for the render workers)."""
        if src_uri not in self.specs or self.cache.job is None:
            return None
        return self.cache.job.get(src_uri)

    def on_build_error(self, error: Exception) -> None:
        if self.cache.job is not None:
            self.cache.job.cancel()

    def _edit_url(self, config: MkDocsConfig, source: str | None) -> str | None:
        if not source or not config.repo_url:
            return None
        root = self.config.edit_root
        if root is None:
            edit_uri = config.edit_uri or ""
            docs = Path(config.docs_dir).name + "/"
            root = edit_uri[: -len(docs)] if edit_uri.endswith(docs) else edit_uri
        return urljoin(config.repo_url.rstrip("/") + "/", root.lstrip("/")) + posixpath.normpath(source)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Theme templates leave runs of blank lines in every page (a third of a large site's bytes).
        env.trim_blocks = env.lstrip_blocks = True
        return env

    # ------------------------------------------------------------------ serve

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.project is not None:
            for folder in (self.project.data_dir, self.project.clients_dir):
                path = self.project.path(folder)
                if path.is_dir():
                    server.watch(str(path))
        return server


# ---------------------------------------------------------------------- nav helpers


class _Scoper:
    """Per page, large sections list only the current page's branch (cheap at scale).

    A section holding more than ``limit`` pages keeps, while one page is rendered,
    its index page and the child on the way to the current page; its other
    children are left out (they stay linked from the index page). A large
    section off that way shrinks to its index page. Small sections, and a
    journey's own section (its map and phases), are never cut. ``restore`` puts
    every list back after the page is written.
    """

    def __init__(self, sections: list[Section], limit: int) -> None:
        self.sections = sections
        self.full = {id(s): list(s.children) for s in _sections_in(sections)}
        self.large = {id(s) for s in _sections_in(sections) if len(_pages_in(s.children)) > limit and not _is_journey(s)}
        self.changed: list[Section] = []

    def scope(self, page: Page) -> None:
        way = set()
        node: Any = page
        while node is not None:
            way.add(id(node))
            node = node.parent
        for section in self.sections:
            self._cut(section, page, way)

    def _cut(self, section: Section, page: Page, way: set[int]) -> None:
        if id(section) not in self.large:
            return
        full = self.full[id(section)]
        index = full[:1] if full and isinstance(full[0], Page) and full[0].file.name == "index" else []
        if id(section) not in way:
            kept = index
        else:
            kept = index + [c for c in full if id(c) in way and c not in index]
            for child in kept:
                if isinstance(child, Section):
                    self._cut(child, page, way)
        section.children = kept
        self.changed.append(section)

    def restore(self) -> None:
        for section in self.changed:
            section.children = self.full[id(section)]
        self.changed = []



def _without_generated(items: list[Any], generated: set[str]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without_generated(item.children, generated)
            if item.children:
                kept.append(item)
        elif getattr(item, "file", None) is None or item.file.src_uri not in generated:
            kept.append(item)
    return kept


def _is_journey_map(src_uri: str) -> bool:
    return src_uri.startswith("journeys/") and src_uri.count("/") == 2 and src_uri.endswith("/index.md")


def _is_journey(section: Section) -> bool:
    first = section.children[0] if section.children else None
    return isinstance(first, Page) and _is_journey_map(first.file.src_uri)


def _sections_in(items: list[Any]) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(item)
            found += _sections_in(item.children)
    return found


def _pages_in(items: list[Any]) -> list[Page]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found += _pages_in(item.children)
        elif isinstance(item, Page):
            found.append(item)
    return found


def _link(items: list[Any], pages: list[Page]) -> None:
    _set_parents(items, None)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
        page.previous_page, page.next_page = before, after


def _set_parents(items: list[Any], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


def _toc_tokens(toc: tuple[tuple[int, str, str], ...]) -> list[dict[str, Any]]:
    tokens: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, title in toc:
        token = {"level": level, "id": anchor, "name": html.escape(title), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def _client_css(colors: dict[str, str]) -> str:
    """Brand colours as Material's custom properties (values are validated #rrggbb)."""
    lines = [":root, [data-md-color-scheme] {"]
    if "primary" in colors:
        lines += [f"  --md-primary-fg-color: {colors['primary']};",
                  f"  --md-primary-fg-color--light: {colors['primary']};",
                  f"  --md-primary-fg-color--dark: {colors['primary']};",
                  f"  --md-typeset-a-color: {colors['primary']};"]
    if "accent" in colors:
        lines += [f"  --md-accent-fg-color: {colors['accent']};"]
    lines.append("}")
    return "\n".join(lines) + "\n"
