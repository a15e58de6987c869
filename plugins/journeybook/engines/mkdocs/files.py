"""The generated pages, the playbook JSON, our assets and a client's own content as MkDocs files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pathspec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ...options import Options
from ...read.project import Project
from ...render.minify import minified
from ..common.assets import ASSET_URI, assets
from ..common.links import LeftOut
from ..common.theme import client_css
from .log import log
from .state import Built

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent


class GeneratedPage(File):
    """A generated page; under ``serve --dirty`` only pages whose HTML changed are rebuilt."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class OwnPage(Page):
    """A generated page. Its HTML comes from journeybook's render (see the plugin's ``on_page_context``), so
    MkDocs runs no Markdown over its empty source: a Markdown instance per page with every extension the
    site lists, to convert nothing."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown:  # not read (MkDocs says so), or another plugin wrote Markdown
            super().render(config, files)
            return
        self.content, self.toc, self._title_from_render = "", get_toc([]), None  # what Markdown makes of ""
        self.present_anchor_ids, self.links_to_anchors = set(), {}


def own_pages(files: Files) -> None:
    """Our pages, once MkDocs' navigation has made them (with the titles a user's ``nav`` gives), as
    :class:`OwnPage`: the same page, rendered without Markdown."""
    for file in files.documentation_pages():
        if isinstance(file, GeneratedPage) and type(file.page) is Page:
            file.page.__class__ = OwnPage


class FileMaker:
    """Adds our files to MkDocs' collection; remembers what it published for dirty rebuilds.

    Every generated file has a real ``abs_src_path`` (plugins read source paths):
    pages are empty stubs, the JSON and client CSS their content, all in a
    temporary folder of this build, removed by :meth:`cleanup` when it ends.
    """

    def __init__(self) -> None:
        self.published: dict[str, str] = {}  # src_uri -> the HTML last written, for dirty rebuilds
        self.stubs: Path | None = None
        self.empty: Path | None = None
        self.left_out = LeftOut()  # a guide's pages that links lead to no more

    def add(self, files: Files, config: MkDocsConfig, built: Built, project: Project | None, serving: bool,
            options: Options) -> Files:
        self.cleanup()
        self.stubs = Path(tempfile.mkdtemp(prefix="journeybook-"))
        self.left_out = client_content(files, config, project, options.base_only)
        rendered = {p.src_uri: p.html for p in built.job.pages()} if serving and built.job else {}
        folder = language_folder(config)
        for spec in built.outline:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                log.warning(f"{config.docs_dir}/{spec.src_uri} is replaced by the page journeybook generates")
                files.remove(existing)
            file = GeneratedPage.generated(config, spec.src_uri, abs_src_path=self._stub(spec.src_uri, ""),
                                           inclusion=InclusionLevel.NOT_IN_NAV)
            assert isinstance(file, GeneratedPage)
            file.dest_uri = folder + file.dest_uri
            if serving:  # consulted by dirty builds only
                file.changed = self.published.get(spec.src_uri) != rendered[spec.src_uri]
                self.published[spec.src_uri] = rendered[spec.src_uri]
            files.append(file)
        files.append(File.generated(config, "playbook.json", abs_src_path=self._stub("playbook.json", built.json)))
        for name in assets(options.material_fixes):  # minified as they ship (the package keeps the readable sources)
            uri = ASSET_URI + name
            files.append(File.generated(config, uri, abs_src_path=self._stub(uri, minified(name))))
        client = built.result.playbook.client if built.result and built.result.playbook else None
        for name, path in (("client-logo", client.logo if client else None),
                           ("client-favicon", client.favicon if client else None)):
            if path and project is not None:
                source = project.root / path
                files.append(File.generated(config, ASSET_URI + name + source.suffix, abs_src_path=str(source)))
        if client is not None and client.colors:
            uri = ASSET_URI + "client.css"
            files.append(File.generated(config, uri, abs_src_path=self._stub(uri, client_css(client.colors))))
        return files

    def _stub(self, src_uri: str, text: str) -> str:
        """A file of this build's stub folder, for ``src_uri``: all in one folder (``a%2Fb.md`` for
        ``a/b.md``), as a folder per page costs a directory to make and remove (a third of a millisecond)."""
        assert self.stubs is not None
        path = self.stubs / quote(src_uri, safe="")
        if text or self.empty is None:
            path.write_text(text, encoding="utf-8")
            self.empty = self.empty or (None if text else path)
        else:  # one empty file, many names: cheap at thousands of pages
            try:
                os.link(self.empty, path)
            except OSError:
                path.write_text("", encoding="utf-8")
        return str(path)

    def cleanup(self) -> None:
        if self.stubs is not None:
            shutil.rmtree(self.stubs, ignore_errors=True)
            self.stubs, self.empty = None, None


def language_folder(config: MkDocsConfig) -> str:
    """mkdocs-static-i18n builds each further language into ``<site>/<lang>/``: our pages go along.

    (It rebuilds the docs' files as files of ``docs_dir`` and drops every other
    page, so ours are added after it, where it can no longer place them.)
    """
    for plugin in config.plugins.values():
        i18n = type(plugin).__module__.split(".")[0] == "mkdocs_static_i18n"
        if i18n and not getattr(plugin, "is_default_language_build", True):
            return f"{plugin.current_language}/"
    return ""


def i18n_default_language(config: MkDocsConfig) -> str | None:
    """The default language of a mkdocs-static-i18n site: the one the playbook is written in."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.split(".")[0] == "mkdocs_static_i18n":
            found = getattr(plugin, "default_language", None)
            return str(found) if found else None
    return None


def client_content(files: Files, config: MkDocsConfig, project: Project | None, base_only: tuple[str, ...]) -> LeftOut:
    """A client's own ``clients/<id>/content/`` pages replace (or add to) the docs dir's.

    The docs dir's files that match a ``base_only`` pattern (gitignore-style, as
    MkDocs' ``exclude_docs``) are excluded from the guide, unless the client has its
    own; the pages among them are returned (links to them become plain text).
    """
    if project is None or not project.client:
        return LeftOut()
    folder = project.path(project.clients_dir) / project.client / "content"
    excluded = []
    if base_only:
        spec = pathspec.GitIgnoreSpec.from_lines(base_only)
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if (file.abs_src_path and not file.generated_by and spec.match_file(file.src_uri)
                    and Path(file.abs_src_path).resolve().is_relative_to(docs)
                    and not (folder / file.src_uri).is_file()):
                file.inclusion = InclusionLevel.EXCLUDED  # links to it are MkDocs' infos, not warnings
                excluded.append(file)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            src_uri = path.relative_to(folder).as_posix()
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File(src_uri, str(folder), config.site_dir, config.use_directory_urls))
    return LeftOut(file.url for file in excluded if file.is_documentation_page())


def warn_without_home_page(files: Files, config: MkDocsConfig) -> None:
    """No page becomes the site's ``index.html`` (a further language's ``<lang>/index.html``): the logo and the
    site name would link to a 404."""
    home = f"{language_folder(config)}index.html"
    if not any(f.dest_uri == home for f in files.documentation_pages()):
        log.warning(f"the site has no home page: add {Path(config.docs_dir).name}/index.md (the logo and the site "
                    "name link to it); `journeybook new` writes a starter")
