"""Where a playbook lives (:class:`Project`) and what loading it gives (:class:`Result`).

Imports only the model and the problem type, so that reading settings
(:mod:`journeybook.read.config`) does not pull in the loader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import model
from ..errors import Problem, has_errors


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
    base_language: str | None = None  # the language the playbook is written in, when the build's differs
    today: datetime.date | None = None  # the date reviews are due against; None: the day it runs

    def path(self, name: str) -> Path:
        return (self.root / name).resolve() if not Path(name).is_absolute() else Path(name)


@dataclass(frozen=True)
class Text:
    """One text a guide shows that was written in another language than the guide's (see ``coverage``)."""

    kind: str  # playbook | persona | touchpoint | journey
    id: str  # the file's id ("playbook" for playbook.yml)
    pointer: tuple[Any, ...]  # where it is in the (merged) document
    source: str  # the file it is written in
    line: int
    col: int
    text: str  # as written (a free label's entry: "label: text")
    context: str  # the source file and where in it, for a PO entry: stable while the base text stays put
    whole: tuple[Any, ...]  # what a translation replaces: the text itself, or its list of texts or label mapping
    language: str  # the language it is written in
    build: str  # the language of the guide that shows it
    translated: bool = False


@dataclass
class Result:
    playbook: model.Playbook | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, relative to the root
    texts: list[Text] = field(default_factory=list)  # texts shown that were written in another language

    @property
    def ok(self) -> bool:
        return self.playbook is not None and not has_errors(self.problems)
