"""Where a playbook lives (:class:`Project`) and what loading it gives (:class:`Result`).

Imports only the model and the problem type, so that reading settings
(:mod:`journeybook.config`) does not pull in the loader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .errors import Problem, has_errors


@dataclass(frozen=True)
class Project:
    """Where a playbook lives. Paths are relative to ``root`` unless absolute."""

    root: Path
    data_dir: str = "journeys"
    clients_dir: str = "clients"
    docs_dir: str = "content"
    site_name: str = "Playbook"
    language: str = "en"
    client: str | None = None
    today: datetime.date | None = None  # the date reviews are due against; None: the day it runs

    def path(self, name: str) -> Path:
        return (self.root / name).resolve() if not Path(name).is_absolute() else Path(name)


@dataclass
class Result:
    playbook: model.Playbook | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, relative to the root

    @property
    def ok(self) -> bool:
        return self.playbook is not None and not has_errors(self.problems)
