"""Personas × touchpoints: where each persona meets each touchpoint, and how it feels there.

Pure: model in, plain dataclasses out. Only today's journeys count (``state:
current``): a planned journey is not where personas meet touchpoints yet. A
persona meets a touchpoint in a phase of a journey it travels when the phase
(or one of its steps) uses the touchpoint. How it feels there, first found of:

1. the persona's own emotion in that phase (``persona_notes``);
2. the lowest score of the phase's steps that name the touchpoint (a matrix is
   read to find where it hurts);
3. the phase's own emotion.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Category, Journey, PhaseEntry, Touchpoint
from .site import Site


@dataclass(frozen=True)
class Meeting:
    journey: Journey
    phase: str  # phase id
    score: int | None  # how it feels there, 1..5; None: no emotion given


@dataclass(frozen=True)
class MatrixRow:
    touchpoint: Touchpoint
    cells: tuple[tuple[Meeting, ...], ...]  # one per persona, in the matrix's persona order


@dataclass(frozen=True)
class Matrix:
    personas: tuple[str, ...]  # persona ids, in the playbook's order
    groups: tuple[tuple[Category, tuple[MatrixRow, ...]], ...]  # by category; touchpoints no persona meets left out

    def meetings_of(self, index: int) -> list[tuple[Category, list[tuple[Touchpoint, tuple[Meeting, ...]]]]]:
        """What the persona at ``index`` meets, by category (its own list, for a phone)."""
        out = []
        for category, rows in self.groups:
            mine = [(row.touchpoint, row.cells[index]) for row in rows if row.cells[index]]
            if mine:
                out.append((category, mine))
        return out


def feeling(entry: PhaseEntry, touchpoint: str, persona: str) -> int | None:
    own = entry.persona_emotions.get(persona)
    if own is not None:
        return own.score
    at_steps = [s.emotion.score for s in entry.steps if s.emotion is not None and touchpoint in s.touchpoints]
    if at_steps:
        return min(at_steps)
    return entry.emotion.score if entry.emotion is not None else None


def build_matrix(site: Site) -> Matrix:
    playbook = site.playbook
    personas = tuple(playbook.personas)
    column = {pid: i for i, pid in enumerate(personas)}
    found: dict[str, list[list[Meeting]]] = {}
    for journey in playbook.journeys.values():
        if journey.state == "future":
            continue
        travellers = [pid for pid in dict.fromkeys(journey.personas) if pid in column]
        for entry in journey.phases:
            for on_page in site.phase_touchpoints(entry):
                tid = on_page.touchpoint.id
                cells = found.setdefault(tid, [[] for _ in personas])
                for pid in travellers:
                    cells[column[pid]].append(Meeting(journey, entry.phase, feeling(entry, tid, pid)))
    groups = []
    for category, tps in site.touchpoints_by_category():
        rows = tuple(MatrixRow(tp, tuple(tuple(c) for c in found[tp.id])) for tp in tps if tp.id in found)
        if rows:
            groups.append((category, rows))
    return Matrix(personas, tuple(groups))
