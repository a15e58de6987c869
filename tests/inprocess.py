"""In-process MkDocs builds with a spy plugin, and a ``logs`` fixture (as mkdocs-awesome-nav tests).

``build(project, spy)`` loads the project's mkdocs.yml, adds ``spy`` as the last
plugin (its events run at priority -200, after every other plugin's) and
builds. ``logs`` gives the records of one logger, e.g. ``logs("mkdocs.structure.nav")``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


class Spy(BasePlugin):  # type: ignore[type-arg]
    """Keeps what MkDocs hands the last plugin: the files, the navigation, each page's context."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.sources: dict[str, bool] = {}  # src_uri -> its abs_src_path existed during the build
        self.edit_urls: dict[str, str | None] = {}

    @event_priority(-200)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-200)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-200)
    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        path = page.file.abs_src_path
        self.sources[page.file.src_uri] = path is not None and os.path.isfile(path)
        self.edit_urls[page.file.src_uri] = page.edit_url
        return context


def build(project: Path, spy: Spy | None = None, strict: bool = True, **overrides: Any) -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"), strict=strict, **overrides)
    if spy is not None:
        config.plugins["spy"] = spy
    mkdocs_build(config)
    return config


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Callable[[str], list[str]]:
    caplog.set_level(logging.INFO)

    def of(logger: str) -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == logger or r.name.startswith(logger + ".")]

    return of
