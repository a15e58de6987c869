"""``journeybook serve --engine zensical``: regenerate the staged pages on every save while Zensical serves them.

The playbook is staged once into a temporary folder and ``zensical serve``
serves it. Every half second the inputs are fingerprinted (the data, the
clients, the docs, the template overrides, ``mkdocs.yml``); when one changed,
the playbook is loaded again and only the staged files whose bytes changed are
rewritten, which Zensical picks up. A playbook with errors prints them and
leaves the last good version being served.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ... import errors
from ...read.config import read_config
from ...read.project import Project
from ...session import stamp
from .build import options_from, unlink_left_out, zensical_command
from .stage import SITE, Stager

POLL_SECONDS = 0.5


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _problems(problems: list[errors.Problem]) -> None:
    for problem in problems:
        print(problem, flush=True)


def zensical_serve(project: Project, config_file: Path, dev_addr: str | None = None,
                   ticks: int | None = None) -> int:
    """Serve until interrupted (or for ``ticks`` polls, for tests); the exit status."""
    folder = Path(tempfile.mkdtemp(prefix="journeybook-zensical-serve-"))
    server: subprocess.Popen[bytes] | None = None
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped as by Ctrl-C: Zensical and the staging folder go too
    try:
        user = read_config(config_file)
        stager = Stager(project, config_file, user, options_from(user), folder, serving=True)
        result = stager.load()
        _problems(result.problems)
        if errors.has_errors(result.problems) or result.playbook is None:
            print(f"journeybook: nothing to serve: {errors.summary(result.problems).rstrip('.')}", flush=True)
            return 1
        left_out = stager.stage(result).left_out
        unlinked: dict[Path, int] = {}  # the pages whose links to left-out pages are gone, by mtime
        seen = (stamp(Path(d) for d in stager.template_dirs()), config_file.stat().st_mtime_ns)
        args = ["serve", "-f", str(stager.config_path), *(["-a", dev_addr] if dev_addr else [])]
        server = subprocess.Popen(zensical_command(*args), cwd=folder)
        tick = 0
        while server.poll() is None and (ticks is None or tick < ticks):
            time.sleep(POLL_SECONDS)
            tick += 1
            unlink_left_out(folder / SITE, left_out, unlinked)  # what Zensical wrote since, as the build does
            now = (stamp(Path(d) for d in stager.template_dirs()), config_file.stat().st_mtime_ns)
            changed = now != seen  # a template override or mkdocs.yml: the pages are made again
            if changed:
                stager.user, seen = read_config(config_file), now
            fresh_result, fresh = stager.session.load(project)
            if not fresh and not changed:
                continue
            if fresh:
                _problems(fresh_result.problems)
            if errors.has_errors(fresh_result.problems) or fresh_result.playbook is None:
                if fresh:
                    print("journeybook: the playbook has errors; still serving the last good version", flush=True)
                continue
            staged = stager.stage(fresh_result)
            if staged.left_out.paths != left_out.paths:  # base_only changed: every page is looked at again
                left_out, unlinked = staged.left_out, {}
            if staged.written:
                print(f"journeybook: regenerated {len(staged.written)} file(s)", flush=True)
        return 0 if server.poll() in (None, 0) else 1
    except KeyboardInterrupt:
        return 0
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):  # a second stop must not leave the staging folder behind
            signal.signal(signum, signal.SIG_IGN)
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)
        for signum, handler in zip((signal.SIGINT, signal.SIGTERM), handlers, strict=True):
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
