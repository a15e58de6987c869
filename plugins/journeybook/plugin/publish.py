"""Atomic, independent publishing: each site is built into a temporary directory and swapped in on success.

A failed or interrupted build never touches the site that is already there.
The base site and every client guide are published one by one: a guide that
fails keeps its previous version, and publishing the base site carries the
guides already in it over to the new one. MkDocs is imported lazily, inside
the build worker.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
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


def publish(target: Path, produce: Callable[[Path], None], keep: Iterable[str] = ()) -> None:
    """Run ``produce(tmp_dir)``; when it returns, ``tmp_dir`` replaces ``target``.

    The entries of the old ``target`` named in ``keep`` (the client guides inside
    the base site) move over to the new one, unless the new one has its own.
    """
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
            for name in keep:
                if (old / "site" / name).exists() and not (target / name).exists():
                    os.rename(old / "site" / name, target / name)
            if keep:  # the guides kept may point at assets of the old base site (another theme version)
                _carry_over(old / "site" / "assets", target / "assets")
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _carry_over(old: Path, new: Path) -> None:
    """Files of ``old`` that ``new`` lacks move into it (the new ones win)."""
    if not old.is_dir():
        return
    for path in old.rglob("*"):
        moved = new / path.relative_to(old)
        if path.is_file() and not moved.exists():
            moved.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, moved)


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
                 shared_base: Path | None = None) -> None:
    """Build one site with MkDocs into ``site_dir`` (no cleaning elsewhere).

    A guide with ``shared_base`` (the base site it is published in) leaves the assets that
    site has to it.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    with _named_logs(client):
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        if client is not None:
            plugin = config.plugins.get("journeybook")
            if plugin is None:
                raise SystemExit(f"{config_file.name}: the journeybook plugin is not enabled")
            plugin.config["client"] = client
            plugin.share_with = shared_base
        build(config)


@dataclass(frozen=True)
class Job:
    """One site to build: the base (``client`` None) or a client's guide, into ``site_dir``."""

    config_file: str
    site_dir: str
    client: str | None = None
    strict: bool = False
    keep: tuple[str, ...] = ()  # the base site carries these guides over
    shared_base: str | None = None  # a guide: the base site whose assets it shares


def failure(exc: BaseException) -> str:
    """What went wrong, in one line (MkDocs' own errors included), without a traceback."""
    text = str(exc) if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
    return text.strip() or type(exc).__name__


def run_job(job: Job) -> str | None:
    """Build and publish one site; None on success, else why it failed (its old version stays)."""
    try:
        publish(Path(job.site_dir),
                lambda tmp: mkdocs_build(Path(job.config_file), tmp, job.client, job.strict,
                                         Path(job.shared_base) if job.shared_base else None), job.keep)
    except (Exception, SystemExit) as exc:
        return failure(exc)
    return None


def build_sites(jobs_to_run: list[Job], jobs: int = 1) -> dict[str | None, str]:
    """Run every job (the base first, then the guides, ``jobs`` at a time); the failures by client."""
    failed: dict[str | None, str] = {}
    guides = [job for job in jobs_to_run if job.client is not None]
    for job in jobs_to_run:
        if job.client is None:
            reason = run_job(job)
            if reason is not None:
                failed[None] = reason
    if jobs > 1 and len(guides) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            reasons = list(pool.map(run_job, guides))
    else:
        reasons = [run_job(job) for job in guides]
    failed.update({job.client: reason for job, reason in zip(guides, reasons, strict=True) if reason is not None})
    return failed
