"""One owner of cached state: what a build reads, and everything derived from it.

The MkDocs adapter and the command line each hold one :class:`Session`. It
fingerprints every input of a build once — the project (its folders, name,
language, client), the files of the data dir, the clients dir (overlays,
``client.yml``, client content pages), the docs dir, the template override
folders, and the render options — and redoes only what a changed input
invalidates:

- a data, client or docs file changed: the playbook is loaded again; with
  ``keep`` (``serve``), parsed files and per-file checks of unchanged files are
  reused;
- a template override changed: a new Jinja environment, and no page is reused;
- the options changed: the pages are rendered again.

When one process builds many sites (``journeybook build --all-clients``), the
sessions of those builds share a :class:`Batch`: every guide of an agency reads
the same base files and the same templates, so each is parsed, checked and
compiled once per process rather than once per guide.

No other module keeps state between builds; the pure memo tables of Markdown
text and locale files depend on nothing but their arguments.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from .guides.used import only_used
from .read.project import Project, Result
from .render import RenderCache, RenderJob, RenderOptions, render_playbook_json, start_render
from .render.env import environment
from .resolve import LoadCache, known_client, load

Stamp = tuple[tuple[str, int, int], ...]


def stamp(folders: Iterable[Path]) -> Stamp:
    """Path, modification time and size of every file below ``folders`` (missing folders count as empty)."""
    entries: list[tuple[str, int, int]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                entries.append((path, st.st_mtime_ns, st.st_size))
    return tuple(entries)


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept in memory, for the theme environments of many builds in one process.

    Each entry is kept with the checksum of the template's source, so a changed file is compiled again;
    the code itself is kept as it is (immutable), not marshalled to bytes and back for every build.
    """

    def __init__(self) -> None:
        self.store: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self.store.get(bucket.key)
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.store[bucket.key] = (bucket.checksum, bucket.code)


class Batch:
    """What the builds of many sites in one process share.

    Parsed files and per-file checks (unchanged files only, as under ``serve``),
    journeybook's Jinja environments by override folders, and the theme's
    compiled templates and list of files (MkDocs makes a new theme environment
    per build, and more than one).
    """

    def __init__(self) -> None:
        self.loads = LoadCache()
        self.environments: dict[tuple[tuple[str, ...], Stamp], Environment] = {}
        self.theme_templates = CompiledTemplates()
        self.theme_files: dict[tuple[str, ...], list[str]] = {}  # by theme folders
        self.last: tuple[tuple[Project, Stamp], Result] | None = None  # the last load, for the build after a check


@dataclass(frozen=True)
class Rendered:
    """A render of one loaded playbook: its pages (being rendered) and ``playbook.json``."""

    result: Result
    job: RenderJob
    json: str


class Session:
    """Loads and renders a project, reusing what its unchanged inputs allow.

    ``keep`` (for ``serve``) also keeps parsed files, per-file checks and
    rendered pages across rebuilds; without it each changed input is read and
    rendered afresh, and large playbooks may render in ``jobs`` worker processes.
    """

    def __init__(self, project: Project, *, keep: bool = False, batch: Batch | None = None) -> None:
        self.project = project
        self.keep = keep
        self.batch = batch
        self._loads = LoadCache() if keep else batch.loads if batch is not None else None
        self._pages = RenderCache() if keep else None
        self._data: tuple[Project, Stamp] | None = None
        self._result: Result | None = None
        self._templates: tuple[tuple[str, ...], Stamp] | None = None
        self._env: Environment | None = None
        self._render_key: tuple[int, RenderOptions, int] | None = None
        self._rendered: Rendered | None = None
        self.last_good: Rendered | None = None  # the last render of a playbook without errors

    def inputs(self) -> tuple[Project, Stamp]:
        """The fingerprint of what :meth:`load` reads."""
        p = self.project
        clients = p.path(p.clients_dir)  # a guide reads its own client's folder, not the others'
        own = clients / str(p.client) if known_client(p) else clients  # (an unknown client's error lists them all)
        return p, stamp([p.path(p.data_dir), own, p.path(p.docs_dir)])

    def load(self, project: Project | None = None) -> tuple[Result, bool]:
        """The project's result, and whether it was loaded again (an input changed since the last call)."""
        if project is not None:
            self.project = project
        now = self.inputs()
        if self._result is not None and now == self._data:
            return self._result, False
        if self.batch is not None and self.batch.last is not None and self.batch.last[0] == now:
            result = self.batch.last[1]  # checked a moment ago, in this process
        else:
            result = load(self.project, self._loads)
            if self.project.client and result.playbook is not None:  # a guide publishes only what its journeys reach
                result = dataclasses.replace(result, playbook=only_used(result.playbook))
            if self.batch is not None:
                self.batch.last = (now, result)
        self._result, self._data = result, now
        return self._result, True

    def environment(self, template_dirs: tuple[str, ...]) -> Environment:
        """The Jinja environment for these override folders; a new one when a file in them changed."""
        now = (template_dirs, stamp(Path(d) for d in template_dirs))
        if self._env is None or now != self._templates:
            made = self.batch.environments.get(now) if self.batch is not None else None
            self._env, self._templates = made or environment(template_dirs), now
            if self.batch is not None:
                self.batch.environments[now] = self._env
            if self.keep:  # pages rendered with the old templates cannot be reused
                self._pages = RenderCache()
        return self._env

    def render(self, result: Result, options: RenderOptions, jobs: int = 1) -> Rendered:
        """The pages of ``result`` (a result without errors); rendered again only when an input changed."""
        assert result.playbook is not None, "render a result without errors"
        env = self.environment(tuple(options.template_dirs))
        key = (id(result), options, id(env))
        if self._rendered is not None and key == self._render_key and self._rendered.result is result:
            return self._rendered
        if self._rendered is not None:
            self._rendered.job.cancel()  # a render still running for older inputs is of no use
        job = start_render(result.playbook, options, self._pages, jobs=1 if self.keep else jobs, env=env)
        self._rendered = Rendered(result, job, render_playbook_json(result.playbook))
        self._render_key = key
        self.last_good = self._rendered
        return self._rendered
