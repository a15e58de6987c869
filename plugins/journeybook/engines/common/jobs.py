"""A site to build (:class:`Job`) and what came of it (:class:`Outcome`), the same for every engine."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import Problem
from ...read.project import Project


@dataclass(frozen=True)
class Job:
    """One site to build: the base (``project.client`` None) or a client's guide, into ``site_dir``."""

    project: Project
    config_file: str
    site_dir: str
    strict: bool = False
    keep: tuple[str, ...] = ()  # the base site carries these guides over
    shared_base: str | None = None  # a guide: the base site whose assets it shares

    @property
    def client(self) -> str | None:
        return self.project.client


@dataclass(frozen=True)
class Outcome:
    """What came of a job: the problems its data has, and whether it was built (else why not)."""

    problems: list[Problem]
    refused: bool = False  # its data has errors (or warnings under ``strict``): not built
    failed: str | None = None  # its build failed: why, in one line

    @property
    def built(self) -> bool:
        return not self.refused and self.failed is None


def failure(exc: BaseException) -> str:
    """What went wrong, in one line (MkDocs' own errors included), without a traceback."""
    text = str(exc) if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
    return text.strip() or type(exc).__name__
