"""Atomic, independent publishing: each site is built into a temporary directory and swapped in on success.

A failed or interrupted build never touches the site that is already there;
one killed in the instant between moving the old site aside and moving the new
one in leaves the old one aside, and the next build puts it back first thing.
The base site and every client guide are published one by one: a guide that
fails keeps its previous version, and publishing the base site carries the
guides already in it over to the new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

TMP_PREFIX = ".jb-build-"
OLD_PREFIX = ".jb-old-"


def restore(target: Path) -> None:
    """Put back the site a build killed between moving it aside and moving the new one in left aside (in
    ``.jb-old-<name>-*/site``, with no ``<name>``). Runs before a build checks its data, so that a build
    refused for its data keeps the old site too."""
    target = target.resolve()
    if target.exists() or not target.parent.is_dir():
        return
    for entry in sorted(target.parent.iterdir()):
        if entry.name.startswith(f"{OLD_PREFIX}{target.name}-") and (entry / "site").is_dir():
            os.rename(entry / "site", target)
            return


def _remove_stale(parent: Path, name: str) -> None:
    """Leftovers of killed builds for this target are removed before a new one starts."""
    if not parent.is_dir():
        return
    restore(parent / name)
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
