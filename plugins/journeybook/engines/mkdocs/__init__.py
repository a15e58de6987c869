"""The MkDocs adapter: the only package that imports MkDocs.

It loads and checks the playbook before anything is written (a playbook with
errors stops the build before MkDocs cleans ``site_dir``), adds the generated
pages as virtual files, places them in the navigation, puts the rendered HTML in
place of the (empty) Markdown, points "Edit this page" at the YAML, ships the
package's CSS and JS (and, with ``material_fixes``, its fixes to Material's
chrome), and watches the data under ``serve``. A user's own pages and the
theme are left as they are.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ...options import CLIENT_ENV, NAMES, Options, declared, options_of
from ...read.config import client_folder, option_findings
from ...read.project import Project
from ...render import PageSpec
from ...render.titles import tab_title
from ..common.pages import ClientSources, edit_base, sidebars_hidden
from ..common.theme import apply_client
from .alternates import Switcher
from .files import FileMaker, i18n_default_language, own_pages, warn_without_home_page
from .nav import NavMaker
from .pages import alone_in_its_tab, edit_url, finish_own_page, toc_tokens
from .shared import SharedAssets
from .state import State
from .theme import add_theme


class JourneybookConfig(Config):
    """MkDocs' config of the plugin, from the one declaration of the options (:class:`journeybook.options.Options`)."""

    locals().update({  # the class body's namespace: Config collects the options from it
        name: opt.Optional(opt.Type(kind)) if optional
        else opt.ListOfItems(opt.Type(str), default=[]) if kind is tuple
        else opt.Type(kind, default=default)
        for name, kind, optional, default in declared()
    })


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.state = State()
        self.files = FileMaker()
        self.nav = NavMaker()
        self.specs: dict[str, Any] = {}  # generated pages (outlines) by src_uri
        self.switcher = Switcher()  # mkdocs-static-i18n's language switcher on a generated page
        self.project: Project | None = None
        self.options = Options()
        self.shared = SharedAssets()
        self.client_sources = ClientSources(None)
        # `journeybook build` names the base site a guide is published in, for the next build only
        # (MkDocs keeps this instance across builds in one process)
        self.share_with: Path | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None,
                    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' check of the options, as `journeybook validate` words it: located, and an unknown name
        is an error (MkDocs only warns) with "did you mean" for a close one."""
        errors, warnings = super().load_config(options, config_file_path)
        config_file = Path(config_file_path) if config_file_path else None
        if config_file is None or not config_file.is_file():
            return errors, warnings
        ours = [(name, problem) for name, problem in option_findings(config_file, config_file.parent) if name]
        named = {name for name, _ in ours}
        errors = [(name, ValidationError(str(problem))) for name, problem in ours] + [
            (name, error) for name, error in errors if name not in named]
        return errors, [(name, warning) for name, warning in warnings if name not in named]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds, and with it the cache.
        self.state.serving = command == "serve"

    # Files, navigation and config come after other plugins' (-110): mkdocs-static-i18n (-100)
    # sets the language of each build and rebuilds the docs' files and navigation.

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.options = options_of({name: self.config[name] for name in NAMES})
        root, client = self._root_and_client(Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        docs = Path(config.docs_dir).resolve()
        self.project = Project(
            root=root,
            data_dir=self.options.data_dir,
            clients_dir=self.options.clients_dir,
            docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
            site_name=config.site_name,
            language=str(config.theme.get("language") or "en"),
            client=client,
            base_language=i18n_default_language(config),
        )
        scope = f"{config.site_url or config.site_name}|{client or ''}"
        edits = edit_base(config.repo_url, config.edit_uri, self.project.docs_dir, self.options.edit_root)
        result = self.state.load(self.project, config, scope, edits)
        apply_client(config, result)
        self.shared = SharedAssets(self.share_with if client else None)
        self.client_sources = ClientSources(self.project)
        self.share_with = None
        add_theme(config, self.options.material_fixes)
        return config

    def _root_and_client(self, config_dir: Path) -> tuple[Path, str | None]:
        """A client's own ``clients/<id>/mkdocs.yml`` (which INHERITs the base) builds that client; so does
        the base's under ``journeybook serve --client <id>``."""
        own = client_folder(config_dir, self.options.clients_dir)
        if own is not None:
            return own[0], self.options.client or own[1]
        serving = os.environ.get(CLIENT_ENV) if self.state.serving else None  # a build never reads it
        return config_dir, self.options.client or serving or None

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        built = self.state.built
        self.specs = {outline.src_uri: outline for outline in built.outline}
        files = self.files.add(files, config, built, self.project, self.state.serving, self.options)
        if self.project is not None and self.project.client:
            files = self.shared.drop(files, config, self.options.material_fixes)
        warn_without_home_page(files, config)
        return files

    @event_priority(-110)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        result = self.state.built.result
        if result is None or result.playbook is None:
            return nav
        nav = self.nav.build(nav, files, config, result.playbook, set(self.specs), self.options.nav_max_items)
        own_pages(files)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        docs_dir = self.project.docs_dir if self.project else config.docs_dir
        if spec is None:
            own = self.client_sources(page.file.abs_src_path)
            if own is not None and page.edit_url:  # a client's own page: edit it, not the base page it replaces
                page.edit_url = edit_url(config, own, docs_dir, self.options.edit_root)
            return markdown
        source = self.client_sources(spec.source_path)
        page.edit_url = edit_url(config, source or spec.source_path, docs_dir, self.options.edit_root)
        if not config.edit_uri and self.project and self.project.client:  # the client's `edit_links: false`
            page.edit_url = None
        page.meta["title"] = html.escape(tab_title(spec.title, config.site_name))  # the browser tab's title
        tabs = "navigation.tabs" in (config.theme.get("features") or [])
        hide = sidebars_hidden(spec.src_uri, tabs and alone_in_its_tab(page))  # alone: its sidebar lists itself
        if hide:
            page.meta["hide"] = hide
        return ""

    def _rendered(self, src_uri: str) -> PageSpec | None:
        """A generated page's HTML (the first call waits for the render workers)."""
        job = self.state.built.job
        return job.get(src_uri) if src_uri in self.specs and job is not None else None

    @event_priority(100)
    def _full_title(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """Search (priority 0) indexes the page under its full title ..."""
        spec = self._rendered(page.file.src_uri)
        if spec is not None:
            page.title = html.escape(spec.title)
            page.toc = get_toc(toc_tokens(spec.toc))
            page.content = spec.search_html  # search parses a lean copy; the page gets the full one below
        return context

    @event_priority(-100)
    def _nav_title(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """... and the sidebar shows the short one; the sidebar is scoped to this page."""
        spec = self._rendered(page.file.src_uri)
        if spec is not None:
            page.title = self.nav.titles.get(spec.src_uri, page.title)
            page.content = spec.html
            self.switcher.point(config, page.url)  # after mkdocs-static-i18n's (50), which skips our pages
        self.nav.scoper.scope(page)
        return context

    on_page_context = CombinedEvent(_full_title, _nav_title)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.files.left_out.unlink(html, page.url)  # a guide's links to pages it leaves out

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.nav.scoper.restore()
        self.switcher.restore()
        output = self.shared.page(output, page)
        return finish_own_page(output) if page.file.src_uri in self.specs else output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self.shared.template(output_content, config)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.files.cleanup()

    def on_build_error(self, error: Exception) -> None:
        self.files.cleanup()
        self.switcher.restore()
        if self.state.built.job is not None:
            self.state.built.job.cancel()

    def on_shutdown(self) -> None:
        self.files.cleanup()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the data, a client or a template override changes (MkDocs watches the docs itself)."""
        if self.project is not None:
            folders = [self.project.path(self.project.data_dir), self.project.path(self.project.clients_dir)]
            for path in [*folders, *map(Path, self.state.template_dirs(config))]:
                if path.is_dir():
                    server.watch(str(path))
        return server
