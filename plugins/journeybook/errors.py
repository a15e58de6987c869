"""Problems found in a playbook, and their two output formats.

A problem is located (``path:line:col``), has a severity and a message that
says what to do. Imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
