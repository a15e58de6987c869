"""Per generated page, on every engine: where "Edit this page" goes, which file of a client that is, and
which of the theme's sidebars the page hides."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from ...read.project import Project
from ...render.urls import Urls, is_journey_map


def edit_base(repo_url: str | None, edit_uri: str | None, docs_dir: str, edit_root: str | None) -> str | None:
    """The "Edit this page" address of the project root, or None without a repo_url.

    ``edit_uri`` points at the docs dir (``edit/main/src/site-pages/``); without
    the docs dir's path it points at the project root (``edit/main/``), unless
    ``edit_root`` says where that is.
    """
    if not repo_url:
        return None
    root = edit_root
    if root is None:
        docs = (docs_dir if not Path(docs_dir).is_absolute() else Path(docs_dir).name).strip("/") + "/"
        root = (edit_uri or "").removesuffix(docs)
    return urljoin(repo_url.rstrip("/") + "/", root.lstrip("/"))


def sidebars_hidden(src_uri: str, alone_in_its_tab: bool) -> list[str]:
    """What a generated page hides of the theme's sidebars: the journey map and the personas matrix need the
    full width, the touchpoint cards the width of the table of contents; a page alone in its tab needs no
    navigation beside it."""
    hide = []
    if is_journey_map(src_uri) or src_uri == Urls.matrix_src():
        hide += ["navigation", "toc"]
    elif src_uri == Urls.touchpoints_src():
        hide.append("toc")
    if alone_in_its_tab and "navigation" not in hide:
        hide.append("navigation")
    return hide


class ClientSources:
    """The client's own file behind a page of its guide, relative to the project root (None: there is none).

    A page's file is a YAML file of the data dir (relative to the root), whose
    client overlay in ``clients/<id>/journeys/`` is the file to edit when there
    is one; or a Markdown file (absolute) from the client's ``content/`` folder.
    The folders are resolved once, for the pages of one build.
    """

    def __init__(self, project: Project | None) -> None:
        self.project = project if project is not None and project.client else None
        if self.project is not None:
            p = self.project
            self.root = p.root.resolve()
            self.client_dir = p.path(p.clients_dir) / str(p.client)
            self.data_dir = p.path(p.data_dir)

    def __call__(self, source: str | None) -> str | None:
        if self.project is None or not source:
            return None
        path = (Path(source) if Path(source).is_absolute() else self.project.root / source).resolve()
        if path.is_relative_to(self.client_dir / "content"):
            return path.relative_to(self.root).as_posix()
        if not path.is_relative_to(self.data_dir):
            return None
        overlay = self.client_dir / "journeys" / path.relative_to(self.data_dir)
        return overlay.relative_to(self.root).as_posix() if overlay.is_file() else None
