"""Atomic publishing: build into a temporary directory, swap it in only on success.

A failed or interrupted build never touches the site that is already there.
MkDocs is imported lazily, inside the build worker.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TMP_PREFIX = ".jb-build-"
OLD_PREFIX = ".jb-old-"


def _remove_stale(parent: Path, name: str) -> None:
    """Leftovers of killed builds for this target are removed before a new one starts."""
    if not parent.is_dir():
        return
    for entry in parent.iterdir():
        if entry.name.startswith((f"{TMP_PREFIX}{name}-", f"{OLD_PREFIX}{name}-")) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def publish(target: Path, produce: Callable[[Path], None]) -> None:
    """Run ``produce(tmp_dir)``; when it returns, ``tmp_dir`` replaces ``target``."""
    target = target.resolve()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(parent, target.name)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{target.name}-", dir=parent))
    try:
        produce(tmp)
        os.chmod(tmp, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{target.name}-", dir=parent))
            os.rename(target, old / "site")
            os.rename(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def mkdocs_build(config_file: Path, site_dir: Path, client: str | None = None) -> None:
    """Build one site with MkDocs into ``site_dir`` (no cleaning elsewhere)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    config = load_config(str(config_file), site_dir=str(site_dir))
    if client is not None:
        plugin = config.plugins.get("journeybook")
        if plugin is None:
            raise SystemExit(f"{config_file.name}: the journeybook plugin is not enabled")
        plugin.config["client"] = client
    build(config)


def _build_one(args: tuple[str, str, str | None]) -> None:
    config_file, site_dir, client = args
    mkdocs_build(Path(config_file), Path(site_dir), client)


def build_sites(config_file: Path, target: Path, clients: list[str | None], jobs: int = 1) -> None:
    """Build the base site and/or clients; a client goes to ``<target>/<client-id>/``.

    Everything is built first into one temporary tree, which replaces ``target``
    only when every build succeeded.
    """

    def produce(tmp: Path) -> None:
        if None in clients:  # the base site first: MkDocs cleans its site dir before writing
            _build_one((str(config_file), str(tmp), None))
        work = [(str(config_file), str(tmp / c), c) for c in clients if c is not None]
        if jobs > 1 and len(work) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                list(pool.map(_build_one, work))
        else:
            for item in work:
                _build_one(item)

    publish(target, produce)
