"""One MkDocs build in this process: a site or a client's guide, with what the builds of this process share.

The builds of one process share a :class:`~journeybook.session.Batch`: the base
files are parsed and the theme's templates compiled once, not once per guide.
Every log line of a guide's build names the client.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.theme import Theme

from ...session import Batch


class _Named(logging.Filter):
    """Every log line of a client's build says which client it is about."""

    def __init__(self, client: str) -> None:
        super().__init__()
        self.prefix = f"client '{client}': "

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(self.prefix):
            record.msg = self.prefix + str(record.msg)
        return True


@contextmanager
def _named_logs(client: str | None) -> Iterator[None]:
    handlers = logging.getLogger().handlers if client is not None else []
    named = _Named(client or "")
    for handler in handlers:
        handler.addFilter(named)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(named)


def mkdocs_build(config_file: Path, site_dir: Path, client: str | None = None, strict: bool = False,
                 shared_base: Path | None = None, batch: Batch | None = None) -> None:
    """Build one site with MkDocs into ``site_dir`` (no cleaning elsewhere).

    A guide with ``shared_base`` (the base site it is published in) leaves the assets that
    site has to it; a ``batch`` is what the builds of this process share.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    with _named_logs(client):
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins.get("journeybook")
        if plugin is None:
            if client is not None:
                raise SystemExit(f"{config_file.name}: the journeybook plugin is not enabled")
        else:
            plugin.state.batch = batch
            if batch is not None:
                share_theme(config.theme, batch)
            if client is not None:
                plugin.config["client"] = client
                plugin.share_with = shared_base
        build(config)


class _ListedOnce(FileSystemLoader):
    """A theme's loader that walks its folders once per batch.

    Hidden paths are left out of the list: Material's ``.icons`` are thousands of
    files that MkDocs' filter of theme files drops anyway (they are still loaded
    by name).
    """

    def __init__(self, searchpath: list[str], listed: dict[tuple[str, ...], list[str]]) -> None:
        super().__init__(searchpath)
        self.listed = listed

    def list_templates(self) -> list[str]:
        key = tuple(str(path) for path in self.searchpath)
        if key not in self.listed:
            self.listed[key] = [name for name in super().list_templates()
                                if not name.startswith(".") and "/." not in name]
        return list(self.listed[key])


def share_theme(theme: Theme, batch: Batch) -> None:
    """Every environment MkDocs and its plugins make of ``theme`` in this build uses what ``batch`` compiled."""
    def get_env() -> Environment:
        env = Theme.get_env(theme)
        env.loader = _ListedOnce(theme.dirs, batch.theme_files)
        env.bytecode_cache = batch.theme_templates
        env.cache = {}  # a few dozen templates: a plain dict, not an LRU queue updated on every include
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


_BATCH: Batch | None = None  # what this process's builds share; worker processes forked later inherit it


def start_batch() -> Batch:
    """A new :class:`~journeybook.session.Batch` for the builds of one command in this process."""
    global _BATCH
    _BATCH = Batch()
    return _BATCH


def process_batch() -> Batch:
    """The batch of this process (a worker's own, if it was not forked with one)."""
    return _BATCH if _BATCH is not None else start_batch()
