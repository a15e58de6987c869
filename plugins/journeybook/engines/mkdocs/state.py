"""The adapter's view of a build: the last good load and its render, from the core's session."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ... import errors
from ...read.project import Project, Result
from ...render import PageOutline, RenderJob, RenderOptions
from ...session import Batch, Session
from .log import log


@dataclass
class Built:
    """The last good result and its render."""

    result: Result | None = None
    job: RenderJob | None = None
    json: str = ""

    @property
    def outline(self) -> list[PageOutline]:
        return self.job.outline if self.job is not None else []


class State:
    """Loads and renders the playbook through one :class:`~journeybook.session.Session`, which owns every cache.

    Under ``serve`` the session keeps what did not change across rebuilds, and a
    playbook with errors leaves the last good version being served.
    """

    def __init__(self) -> None:
        self.built = Built()
        self.session: Session | None = None
        self.serving = False
        self.batch: Batch | None = None  # shared with the other builds of this process (`journeybook build`)

    def template_dirs(self, config: MkDocsConfig) -> tuple[str, ...]:
        """Where a user overrides journeybook's templates: ``<custom_dir>/journeybook``."""
        return tuple(str(Path(d) / "journeybook") for d in config.theme.dirs[:1] if config.theme.custom_dir)

    def load(self, project: Project, config: MkDocsConfig, scope: str, edit_base: str | None = None) -> Result:
        if self.session is None or self.session.batch is not self.batch:  # (MkDocs keeps this plugin per process)
            self.session = Session(project, keep=self.serving, batch=self.batch)
        result, fresh = self.session.load(project)
        if fresh:
            for problem in result.problems:
                (log.error if problem.is_error else log.warning)(str(problem))
        if errors.has_errors(result.problems) or result.playbook is None:
            count = sum(1 for p in result.problems if p.is_error)
            if self.serving and self.built.result is not None:
                log.error(f"{count} error(s) in the playbook; still serving the last good version")
                return self.built.result
            raise PluginError(f"journeybook: the playbook has {count} error(s); nothing was built")
        untranslated = sum(1 for text in result.texts if not text.translated)
        if fresh and untranslated:
            guide = f" --client {project.client}" if project.client else ""
            log.info(f"journeybook: {untranslated} text(s) shown untranslated in '{result.playbook.language}' "
                     f"(`journeybook translations {result.playbook.language}{guide}` lists them per file)")
        warnings = [p for p in result.problems if not p.is_error]
        if config.strict and warnings:  # counted here too: `mkdocs build --strict -q` drops warnings
            listed = errors.format_text(warnings)
            raise PluginError(f"journeybook: {len(warnings)} warning(s) in strict mode:\n" + listed)
        options = RenderOptions(
            language=result.playbook.language,
            scope=scope,
            use_directory_urls=config.use_directory_urls,
            template_dirs=self.template_dirs(config),
            edit_base=edit_base,
        )
        # large playbooks render in worker processes while MkDocs reads files and builds the nav
        # (not under serve: no forking beside the server's threads, and unchanged pages are reused)
        rendered = self.session.render(result, options, jobs=min(2, os.cpu_count() or 1))
        self.built = Built(result, rendered.job, rendered.json)
        return result
