"""Problems found in a playbook, their two output formats, and the exit codes of every command.

A problem is located (``path:line:col``), has a severity and a message that
says what to do. Imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

ERROR = "error"
WARNING = "warning"
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # clean; problems found or a build failed; wrong usage


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    col: int  # 1-based
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return "No problems found."
    parts = [f"{errors} error{'s' if errors != 1 else ''}"]
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) + "."


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub workflow commands: ``::error file=...,line=...,col=...::message``."""
    return "\n".join(
        f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.col},"
        f"title={_escape_property('journeybook')}::{_escape_data(p.message)}"
        for p in problems
    )


def report(problems: list[Problem], fmt: str = "text") -> str:
    """What a command prints of ``problems``: a located line each (``github``: workflow annotations), then the
    summary. A file name with a line break must not break the one-line format."""
    if fmt == "github":
        return (format_github(problems) + "\n" if problems else "") + summary(problems)
    lines = format_text(p if p.path.isprintable() else replace(p, path="".join(
        c if c.isprintable() else repr(c)[1:-1] for c in p.path)) for p in problems)
    return f"{lines}\n{summary(problems)}" if lines else summary(problems)
