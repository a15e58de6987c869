"""Shared test helpers: write small project trees and run the command line.

Nothing here knows the machine it runs on: every path is relative to a test's
``tmp_path`` or to this file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

TESTS_DIR = Path(__file__).resolve().parent
REPO_DIR = TESTS_DIR.parent

MKDOCS_YML = """\
site_name: Tiny playbook
docs_dir: content
theme:
  name: material
plugins:
  - search
  - journeybook
"""

# A tiny, valid playbook: one persona, one touchpoint, one journey (plus one
# channel and one source, so references of every kind have a target), no
# warnings. The bad-input corpus writes its files on top of this.
MINIMAL_FILES: dict[str, str | bytes] = {
    "mkdocs.yml": MKDOCS_YML,
    "content/index.md": "# Tiny playbook\n",
    "content/img/ann.png": b"\x89PNG\r\n\x1a\n",
    "journeys/playbook.yml": """\
title: Tiny playbook
channels:
  - id: web
    name: Website
    type: online
sources:
  - id: wait-study
    claim: Almost 90% drop out when they have to wait long
    year: 2019
""",
    "journeys/personas/ann.yml": """\
name: Ann
role: Busy parent
""",
    "journeys/touchpoints/checkout.yml": """\
name: Checkout
category: checkout
checklist:
  - id: no-surprises
    text: No surprise costs
""",
    "journeys/buy.yml": """\
title: Buying online
personas: [ann]
phases:
  purchase:
    touchpoints: [checkout]
""",
}


def write_tree(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``; ``None`` deletes the file.

    Text is written byte for byte as given (UTF-8, no newline translation), so
    a test controls CRLF, BOMs and the last newline exactly.
    """
    for name, content in files.items():
        path = root / name
        if content is None:
            if path.is_file() or path.is_symlink():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def minimal_project(root: Path, files: Mapping[str, str | bytes | None] | None = None) -> Path:
    """Write the tiny valid playbook into ``root``, then ``files`` on top of it."""
    write_tree(root, MINIMAL_FILES)
    if files:
        write_tree(root, files)
    return root


def project(root: Path):  # -> journeybook.resolve.Project
    """The :class:`Project` of a tree written by :func:`minimal_project`."""
    from journeybook.read.config import project_from_config

    return project_from_config(root)


def journeybook_exe() -> list[str]:
    """The installed ``journeybook`` script next to this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("journeybook.exe" if os.name == "nt" else "journeybook")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "journeybook.cli"]


def run_cli_process(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 60,
                    command: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run ``journeybook ARGS`` in a real subprocess; text output, never raises on exit status.

    Only for what needs a process: the console script, ``python -m``, the
    output encoding. Everything else uses :func:`run_cli` (in-process, faster).
    """
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(
        [*(command or journeybook_exe()), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


@dataclasses.dataclass
class CliResult:
    """What a run of the command gives: like :class:`subprocess.CompletedProcess`, without a process."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


class CliTimeout(BaseException):
    """A run took longer than its timeout (a BaseException: the command cannot swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float, error: Callable[[str], BaseException], what: str) -> Iterator[None]:
    """Raise ``error(what)`` in the main thread after ``seconds`` where POSIX signals allow; else no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise error(what)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 60) -> CliResult:
    """Run ``journeybook ARGS`` in this process: ``journeybook.cli.main(args)`` with its output captured.

    Never raises on exit status: a ``SystemExit`` (argparse usage errors exit 2,
    ``--help`` exits 0) becomes the return code, as the console script would make
    it. Output is encoded as strict UTF-8 (what a real run with
    ``PYTHONIOENCODING=utf-8`` writes), so text that a real process could not
    print fails here too. ``cwd`` is entered for the run and left afterwards.
    """
    from journeybook.cli import main

    argv = [str(a) for a in args]
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    old_cwd = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        limit = time_limit(timeout, CliTimeout, f"journeybook took more than {timeout} s")
        with limit, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(argv)
            except SystemExit as exc:  # what the interpreter makes of sys.exit(...)
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:
                    print(exc.code, file=sys.stderr)
                    code = 1
    finally:
        os.chdir(old_cwd)
    stdout.flush()
    stderr.flush()
    return CliResult(argv, code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def problem_lines(stdout: str) -> list[str]:
    """The problem lines of ``journeybook validate`` output (everything but the count)."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    return lines[:-1] if lines else []


def spy_on(monkeypatch: Any, owner: Any, name: str, note: Callable[..., Any]) -> list[Any]:
    """A spy, not a mock: ``owner.name`` runs as before, and ``note(*args, **kwargs)`` of each call is appended
    to the list returned (a method patched on a class gets ``self`` first)."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def spied(*args: Any, **kwargs: Any) -> Any:
        calls.append(note(*args, **kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spied)
    return calls
