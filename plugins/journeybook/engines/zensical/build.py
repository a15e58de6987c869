"""``journeybook build --engine zensical``: stage each site, have Zensical build it, publish it atomically.

Each site (the base, a client's guide) is checked first, as ``journeybook
validate`` checks it: a site with errors (or warnings under ``--strict``) is
not built and keeps its previous version. The staging folder and Zensical's
output sit beside the site directory and are removed when the build ends; the
new site replaces the old one only once Zensical succeeded
(:func:`journeybook.engines.common.publish.publish`).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ...errors import has_errors
from ...options import Options, options_of
from ...read.config import plugin_options, read_config
from ...read.project import Project
from ..common.jobs import Job, Outcome, failure
from ..common.links import LeftOut
from ..common.publish import publish
from .stage import SITE, Stager

STAGE_PREFIX = ".jb-zensical-"
SETTLE_NS = 300_000_000  # under serve, a page written less than this long ago may still be being written


def zensical_command(*args: str) -> list[str]:
    """Zensical run by this Python (which can import journeybook's Markdown extension)."""
    return [sys.executable, "-m", "zensical", *args]


def options_from(config: dict[str, object]) -> Options:
    return options_of(plugin_options(config))


def run_zensical(config_path: Path, strict: bool) -> None:
    """Build the staged config with Zensical; its own output is shown only when it fails."""
    args = ["build", "-f", str(config_path), "--clean", *(["--strict"] if strict else [])]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    done = subprocess.run(zensical_command(*args), cwd=config_path.parent, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise SystemExit("zensical: " + ("\n".join(lines[-20:]) or f"exit status {done.returncode}"))


def unlink_left_out(site: Path, left_out: LeftOut, done: dict[Path, int] | None = None) -> None:
    """A guide's links to the pages it leaves out become their text, in every page (as the MkDocs adapter
    does in ``on_page_content``). With ``done`` (a page's modification time when it was last seen to), a page
    Zensical has not written again since is left alone: ``serve`` calls this on every poll."""
    if not left_out.paths or not site.is_dir():
        return
    for path in sorted(site.rglob("*.html")):
        fresh = path.with_name(f".{path.name}.jb")
        try:
            stamp = path.stat().st_mtime_ns
            if done is not None and (done.get(path) == stamp or time.time_ns() - stamp < SETTLE_NS):
                continue  # seen to already, or still being written: the next poll takes it
            text = path.read_text(encoding="utf-8")
            changed = left_out.unlink(text, path.relative_to(site).as_posix().removesuffix("index.html"))
            if changed != text:
                fresh.write_text(changed, encoding="utf-8")
                if path.stat().st_mtime_ns != stamp:  # written again meanwhile: the next poll takes it
                    fresh.unlink()
                    continue
                os.replace(fresh, path)  # whole: a reader never gets half a page
            if done is not None:
                done[path] = path.stat().st_mtime_ns
        except (OSError, UnicodeDecodeError):
            fresh.unlink(missing_ok=True)
            if done is None:
                raise
            continue  # (under serve) removed or half-written by Zensical meanwhile: the next poll looks again


def build_one(job: Job) -> Outcome:
    """Check, stage, build and publish one site; a site that is not built keeps its old version."""
    config_file = Path(job.config_file)
    user = read_config(config_file)
    options = options_from(user)
    target = Path(job.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{target.name}-", dir=target.parent))
    try:
        stager = Stager(job.project, config_file, user, options, folder)
        result = stager.load()
        if has_errors(result.problems) or (job.strict and result.problems) or result.playbook is None:
            return Outcome(result.problems, refused=True)
        try:
            staged = stager.stage(result)

            def produce(tmp: Path) -> None:
                run_zensical(stager.config_path, job.strict)
                built = folder / SITE
                unlink_left_out(built, staged.left_out)
                os.rmdir(tmp)
                os.rename(built, tmp)

            publish(target, produce, job.keep)
        except (Exception, SystemExit) as exc:

            return Outcome(result.problems, failed=failure(exc))
        return Outcome(result.problems)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def zensical_build(project: Project, config_file: Path, site_dir: Path, targets: list[str | None], clients: list[str],
                strict: bool) -> dict[str | None, Outcome]:
    """The base first (a base with errors stops its guides), then each guide into ``site_dir/<id>``."""
    outcomes: dict[str | None, Outcome] = {}
    for target in targets:
        if target is None:
            job = Job(project, str(config_file), str(site_dir), strict, keep=tuple(clients))
        else:
            if outcomes.get(None) is not None and outcomes[None].refused:
                break
            job = Job(dataclasses.replace(project, client=target), str(config_file), str(site_dir / target), strict)
        outcomes[target] = build_one(job)
    return outcomes
