"""What survives ``serve`` rebuilds: the last good load, its render job, and what they were built from."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import errors
from ..project import Project, Result
from ..render import PageOutline, RenderCache, RenderJob, RenderOptions, render_playbook_json, start_render
from ..resolve import LoadCache, load
from ..used import only_used
from .log import log


@dataclass
class Built:
    """The last good result and what it was built from."""

    key: tuple[object, ...] = ()
    result: Result | None = None
    job: RenderJob | None = None
    json: str = ""

    @property
    def outline(self) -> list[PageOutline]:
        return self.job.outline if self.job is not None else []


def fingerprint(project: Project) -> tuple[object, ...]:
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


class State:
    """Loads and renders the playbook; under ``serve`` reuses what did not change."""

    def __init__(self) -> None:
        self.built = Built()
        self.load_cache = LoadCache()  # used under `serve`: parsed files and rendered pages survive rebuilds
        self.render_cache = RenderCache()
        self.serving = False

    def load(self, project: Project, config: MkDocsConfig, scope: str) -> Result:
        key = fingerprint(project) + (config.use_directory_urls, tuple(config.theme.dirs))
        if key == self.built.key and self.built.result is not None:
            return self.built.result
        result = load(project, self.load_cache if self.serving else None)
        if project.client and result.playbook is not None:  # a guide publishes only what its journeys reach
            result = dataclasses.replace(result, playbook=only_used(result.playbook))
        for problem in result.problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        if errors.has_errors(result.problems) or result.playbook is None:
            count = sum(1 for p in result.problems if p.is_error)
            if self.serving and self.built.result is not None:
                log.error(f"{count} error(s) in the playbook; still serving the last good version")
                return self.built.result
            raise PluginError(f"journeybook: the playbook has {count} error(s); nothing was built")
        warnings = [p for p in result.problems if not p.is_error]
        if config.strict and warnings:  # counted here too: `mkdocs build --strict -q` drops warnings
            raise PluginError(f"journeybook: {len(warnings)} warning(s) in strict mode:\n"
                              + errors.format_text(warnings))
        options = RenderOptions(
            language=result.playbook.language,
            scope=scope,
            use_directory_urls=config.use_directory_urls,
            template_dirs=tuple(str(Path(d) / "journeybook") for d in config.theme.dirs[:1] if config.theme.custom_dir),
        )
        if self.serving:  # rebuilds reuse what did not change; no forking beside the server's threads
            job = start_render(result.playbook, options, self.render_cache)
        else:  # large playbooks render in worker processes while MkDocs reads files and builds the nav
            job = start_render(result.playbook, options, jobs=min(2, os.cpu_count() or 1))
        self.built = Built(key, result, job, render_playbook_json(result.playbook))
        return result
